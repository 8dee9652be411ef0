package org.strongroom.audit.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongConsumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.strongroom.audit.ActorType;
import org.strongroom.audit.AuditEvent;
import org.strongroom.audit.AuditTrail;
import org.strongroom.audit.AuditVerification;
import org.strongroom.audit.Outcome;
import org.strongroom.audit.VerificationResult;
import org.strongroom.identity.StaffId;
import org.strongroom.identity.StaffRole;
import org.strongroom.identity.StaffStatus;
import org.strongroom.identity.internal.Accounts;
import org.strongroom.testing.HttpsClient;
import org.strongroom.testing.HttpsClient.Response;
import org.strongroom.testing.StaffSignIn;

/**
 * The audit trail's pages over real HTTPS with real sign-ins (password and authenticator app):
 * each filter, keyset paging, bad input, refusal of the STAFF role, the recording of searches and
 * exports, the download's headers, and the verify page's progress and verdicts — intact and, after
 * an entry is altered in the database, broken at that entry. Runs on SQLite and on PostgreSQL.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"strongroom.organisation.time-zone=Europe/Kyiv", "strongroom.audit.checkpoint-poll=1h"})
@Import(AuditPagesFullStackIntegrationTests.StandIns.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
abstract class AuditPagesFullStackIntegrationTests {

    static final String OWNER_EMAIL = "mariia.bondar@example.org";
    static final String OWNER_NAME = "Mariia Bondar";
    static final String STAFF_EMAIL = "taras.melnyk@example.org";
    static final String STAFF_NAME = "Taras Melnyk";
    static final String BORYS_NAME = "Borys Tkachenko";
    static final String PASSWORD = "violet-canal-harbour-58";
    static final String TOKEN_ID = "7c1e0000-0000-4000-8000-0000000000aa";
    static final Pattern ROW = Pattern.compile("data-seq=\"(\\d+)\"");
    static final Pattern OLDER = Pattern.compile("rel=\"next\" href=\"([^\"]+)\"");

    /** Holds verifications at their start until a test opens the gate; counts the runs. */
    static final class GatedVerification implements AuditVerification {
        final AuditVerification real;
        final AtomicInteger runs = new AtomicInteger();
        volatile @Nullable CountDownLatch gate;

        GatedVerification(AuditVerification real) {
            this.real = real;
        }

        @Override
        public VerificationResult verify(LongConsumer progress) {
            runs.incrementAndGet();
            CountDownLatch waiting = gate;
            if (waiting != null) {
                progress.accept(1);
                try {
                    waiting.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            return real.verify(progress);
        }

        @Override
        public long approximateSize() {
            return real.approximateSize();
        }
    }

    @TestConfiguration
    static class StandIns {
        @Bean
        @Primary
        GatedVerification gatedVerification(@Qualifier("trailVerification") AuditVerification real) {
            return new GatedVerification(real);
        }
    }

    @LocalServerPort
    int port;
    @Autowired
    Environment environment;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    Accounts accounts;
    @Autowired
    PasswordEncoder passwords;
    @Autowired
    AuditTrail trail;
    @Autowired
    PlatformTransactionManager transactions;
    @Autowired
    GatedVerification verification;
    @Autowired
    Clock clock;

    /** Per server (the subclasses' contexts differ): the owner's and a STAFF member's signed-in clients. */
    static final Map<Integer, HttpsClient[]> SIGNED_IN = new java.util.concurrent.ConcurrentHashMap<>();
    static final Map<Integer, String[]> IDS = new java.util.concurrent.ConcurrentHashMap<>();

    HttpsClient owner;
    HttpsClient staff;
    String ownerId;
    String borysId;

    @BeforeEach
    void peopleAndTrail() {
        if (!SIGNED_IN.containsKey(port)) {
            StaffId ownerAccount = account(OWNER_EMAIL, OWNER_NAME, StaffRole.OWNER);
            account(STAFF_EMAIL, STAFF_NAME, StaffRole.STAFF);
            StaffId borys = account("borys.tkachenko@example.org", BORYS_NAME, StaffRole.STAFF);
            seed(borys.toString());
            HttpsClient o = client();
            StaffSignIn.signIn(o, OWNER_EMAIL, PASSWORD);
            HttpsClient s = client();
            StaffSignIn.signIn(s, STAFF_EMAIL, PASSWORD);
            SIGNED_IN.put(port, new HttpsClient[] {o, s});
            IDS.put(port, new String[] {ownerAccount.toString(), borys.toString()});
        }
        owner = SIGNED_IN.get(port)[0];
        staff = SIGNED_IN.get(port)[1];
        ownerId = IDS.get(port)[0];
        borysId = IDS.get(port)[1];
    }

    HttpsClient client() {
        return new HttpsClient(port, Path.of(environment.getRequiredProperty("strongroom.data-dir"), "tls", "server.crt"));
    }

    StaffId account(String email, String name, StaffRole role) {
        StaffId id = StaffId.random();
        accounts.insert(id, email, name, passwords.encode(PASSWORD), role, StaffStatus.ACTIVE, clock.instant());
        return id;
    }

    /** Borys reads client-a1 three times; an API token is denied client-b2; the system touches client-paging 120 times. */
    void seed(String borys) {
        TransactionTemplate tx = new TransactionTemplate(transactions);
        tx.executeWithoutResult(s -> {
            for (int i = 0; i < 3; i++) {
                trail.record(AuditEvent.of(ActorType.STAFF, borys, "client.profile.read", Outcome.ALLOWED)
                        .withClient("client-a1").withRequest("192.0.2.10", null, null));
            }
            trail.record(AuditEvent.of(ActorType.TOKEN, TOKEN_ID, "client.profile.read", Outcome.DENIED)
                    .withClient("client-b2").withReason("not_assigned"));
            for (int i = 0; i < 120; i++) {
                trail.record(AuditEvent.of(ActorType.SYSTEM, null, "client.reminder.sent", Outcome.SUCCEEDED)
                        .withClient("client-paging"));
            }
        });
    }

    static List<Long> rows(String html) {
        List<Long> seqs = new ArrayList<>();
        Matcher m = ROW.matcher(html);
        while (m.find()) {
            seqs.add(Long.parseLong(m.group(1)));
        }
        return seqs;
    }

    static LocalDate today() {
        return LocalDate.now(ZoneId.of("Europe/Kyiv"));
    }

    long count(String sql, Map<String, Object> params) {
        var spec = jdbc.sql(sql);
        for (var p : params.entrySet()) {
            spec = spec.param(p.getKey(), p.getValue());
        }
        return spec.query(Long.class).single();
    }

    @Test
    @Order(1)
    void searchByPersonShowsTheirNameAndTheirEntriesOnly() {
        Response page = owner.get("/audit?actor=" + borysId);
        assertThat(page.status()).isEqualTo(200);
        assertThat(rows(page.body())).hasSize(3);
        assertThat(page.body()).contains(BORYS_NAME).contains("client.profile.read").contains("192.0.2.10")
                .contains("<option value=\"" + borysId + "\" selected=\"selected\">" + BORYS_NAME + "</option>")
                .contains("<th scope=\"col\">Time</th>").contains("<caption>Entries, newest first. Times in Europe/Kyiv.</caption>");
    }

    @Test
    @Order(1)
    void searchByTypedIdFindsATokensEntries() {
        Response page = owner.get("/audit?actorId=" + TOKEN_ID);
        assertThat(rows(page.body())).hasSize(1);
        assertThat(page.body()).contains("API token 7c1e0000…").contains("Denied").contains("not_assigned");
    }

    @Test
    @Order(1)
    void searchByClientActionAndOutcome() {
        // Searches about a client are entries about that client too (who looked at its history).
        assertThat(rows(owner.get("/audit?client=client-a1&action=client").body())).hasSize(3);
        assertThat(rows(owner.get("/audit?action=client.profile&outcome=denied").body())).hasSize(1);
        assertThat(rows(owner.get("/audit?action=client.profile&outcome=allowed").body())).hasSize(3);
        Response labelled = owner.get("/audit?action=identity.sign_in&actor=" + ownerId);
        assertThat(labelled.body()).contains("Sign-in").contains(">identity.sign_in</code>").contains(OWNER_NAME);
    }

    @Test
    @Order(1)
    void searchByPeriodInTheOrganisationsDays() {
        String day = today().toString();
        assertThat(rows(owner.get("/audit?action=client.profile&client=client-a1&from=" + day + "&until=" + day).body())).hasSize(3);
        Response tomorrow = owner.get("/audit?client=client-a1&from=" + today().plusDays(1));
        assertThat(rows(tomorrow.body())).isEmpty();
        assertThat(tomorrow.body()).contains("No entries match these filters.");
        assertThat(rows(owner.get("/audit?client=client-a1&until=" + today().minusDays(1)).body())).isEmpty();
    }

    @Test
    @Order(1)
    void olderEntriesFollowOnInPagesOfFifty() {
        List<Long> seen = new ArrayList<>();
        Response page = owner.get("/audit?client=client-paging&action=client.reminder");
        List<Integer> sizes = new ArrayList<>();
        while (true) {
            List<Long> seqs = rows(page.body());
            sizes.add(seqs.size());
            seen.addAll(seqs);
            Matcher older = OLDER.matcher(page.body());
            if (!older.find()) {
                break;
            }
            String next = older.group(1).replace("&amp;", "&");
            assertThat(next).startsWith("/audit?client=client-paging&action=client.reminder&before=");
            page = owner.get(next);
            assertThat(page.body()).contains("Newest entries");
        }
        assertThat(sizes).containsExactly(50, 50, 20);
        assertThat(seen).hasSize(120).doesNotHaveDuplicates().isSortedAccordingTo((a, b) -> Long.compare(b, a));
    }

    @Test
    @Order(1)
    void badFilterInputIsAnsweredAtItsFieldWithoutResults() {
        Map<String, String> cases = Map.of(
                "/audit?outcome=maybe", "Choose an outcome from the list.",
                "/audit?from=2026-13-45", "Enter a date like 2026-03-31.",
                "/audit?action=Client%20Read", "An action is a code of lower-case letters",
                "/audit?from=2026-03-02&until=2026-03-01", "The last day must not be before the first day.",
                "/audit?before=abc", "That page link is not valid.",
                "/audit/export?format=pdf", "Choose CSV, JSON Lines or a signed bundle.",
                "/audit/clients/client-a1?from=yesterday", "Enter a date like 2026-03-31.");
        cases.forEach((path, message) -> {
            Response page = owner.get(path);
            assertThat(page.status()).as(path).isEqualTo(400);
            assertThat(page.body()).as(path).contains(message).doesNotContain("Exception").doesNotContain("at org.");
            assertThat(rows(page.body())).as(path).isEmpty();
        });
        Response bad = owner.get("/audit?outcome=maybe&client=client-a1");
        assertThat(bad.body()).contains("aria-invalid=\"true\" aria-describedby=\"f-outcome-error\"")
                .contains("value=\"client-a1\"");
    }

    /** Attack: a signed-in member of staff without an administrative role opening the trail. */
    @Test
    @Order(1)
    void staffRoleIsRefusedEveryPageAndSeesNoEntry() {
        String refusals = "SELECT COUNT(*) FROM audit_entry WHERE action = 'access.denied' AND reason = 'role'"
                + " AND resource_type = 'route' AND resource_id = '/audit' AND actor_id <> :me";
        long refusedBefore = count(refusals, Map.of("me", ownerId));
        for (String path : List.of("/audit", "/audit?client=client-a1", "/audit/staff/" + borysId, "/audit/clients/client-a1",
                "/audit/export?format=csv", "/audit/verify", "/audit/verify/progress")) {
            Response page = staff.get(path);
            assertThat(page.status()).as(path).isEqualTo(403);
            // (The error page's language menu repeats the address, so look for entries, not for the id.)
            assertThat(page.body()).as(path).doesNotContain("client.profile.read").doesNotContain(BORYS_NAME)
                    .doesNotContain("data-seq").doesNotContain("<table");
        }
        int before = verification.runs.get();
        Response start = staff.submit("/", "/audit/verify", Map.of());
        assertThat(start.status()).isEqualTo(403);
        assertThat(verification.runs.get()).isEqualTo(before);
        // Each refusal is in the trail, whichever layer made it (URL rule or the pages' own check).
        assertThat(count(refusals, Map.of("me", ownerId))).isGreaterThanOrEqualTo(refusedBefore + 8);
    }

    @Test
    @Order(2)
    void everySearchIsRecordedWithTheReaderAndTheFilters() {
        long before = count("SELECT COUNT(*) FROM audit_entry WHERE action = 'audit.search' AND actor_id = :me AND client_id = 'client-b2'",
                Map.of("me", ownerId));
        owner.get("/audit?client=client-b2");
        owner.get("/audit/clients/client-b2");
        assertThat(count("SELECT COUNT(*) FROM audit_entry WHERE action = 'audit.search' AND actor_id = :me AND client_id = 'client-b2'"
                + " AND outcome = 'succeeded' AND actor_type = 'staff'", Map.of("me", ownerId))).isEqualTo(before + 2);
        String aboutBorys = "SELECT COUNT(*) FROM audit_entry WHERE action = 'audit.search' AND actor_id = :me"
                + " AND resource_type = 'actor' AND resource_id = :borys";
        long earlier = count(aboutBorys, Map.of("me", ownerId, "borys", borysId));
        owner.get("/audit/staff/" + borysId);
        assertThat(count(aboutBorys, Map.of("me", ownerId, "borys", borysId))).isEqualTo(earlier + 1);
        Response page = owner.get("/audit?action=audit.search");
        assertThat(page.body()).contains("Audit trail searched");
    }

    @Test
    @Order(2)
    void personPageNamesThePersonAndShowsOnlyTheirEntries() {
        Response page = owner.get("/audit/staff/" + borysId);
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body()).contains("<h1>What " + BORYS_NAME + " did</h1>");
        assertThat(rows(page.body())).hasSize(3);
        assertThat(owner.get("/audit/staff/not-an-id").status()).isEqualTo(404);
        assertThat(owner.get("/audit/staff/" + StaffId.random()).status()).isEqualTo(404);
    }

    @Test
    @Order(2)
    void clientHistoryIsAFragmentForHtmxAndAPageOtherwise() {
        Response page = owner.get("/audit/clients/client-b2?outcome=denied");
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body()).contains("<html").contains("id=\"client-history\"").contains("API token 7c1e0000…");
        assertThat(rows(page.body())).hasSize(1);
        assertThat(rows(owner.get("/audit/clients/client-b2?outcome=allowed").body())).isEmpty();
    }

    @Test
    @Order(3)
    void csvDownloadHasSafeHeadersAndIsRecordedFirst() {
        Response csv = owner.get("/audit/export?format=csv&client=client-a1&action=client.profile", "text/csv");
        assertThat(csv.status()).isEqualTo(200);
        assertThat(csv.header("content-disposition")).isEqualTo("attachment; filename=\"strongroom-audit-" + today() + ".csv\"");
        assertThat(csv.header("content-type")).startsWith("text/csv");
        assertThat(csv.header("cache-control")).isEqualTo("no-store");
        assertThat(csv.body().lines()).hasSize(4).first().asString().startsWith("seq,occurredAt,");
        assertThat(csv.body().lines().skip(1)).allMatch(line -> line.contains("client.profile.read") && line.contains("client-a1"));
        assertThat(count("SELECT COUNT(*) FROM audit_entry WHERE action = 'audit.export' AND actor_id = :me AND reason = 'csv'"
                + " AND client_id = 'client-a1'", Map.of("me", ownerId))).isEqualTo(1);

        Response bundle = owner.get("/audit/export?format=bundle&from=" + today() + "&until=" + today(), "*/*");
        assertThat(bundle.status()).isEqualTo(200);
        assertThat(bundle.header("content-disposition")).isEqualTo("attachment; filename=\"strongroom-audit-" + today() + ".bundle.jsonl\"");
        assertThat(bundle.body()).contains("\"action\":\"client.profile.read\"");

        Response filtered = owner.get("/audit/export?format=bundle&client=client-a1", "*/*");
        assertThat(filtered.status()).isEqualTo(400);
        assertThat(filtered.header("content-disposition")).isNull();
        assertThat(filtered.body()).contains("A signed bundle holds every entry of a period, so it takes only the dates.");
    }

    /** Makes the database refuse new audit entries (the trail is "unavailable"); reading still works. */
    abstract void refuseNewEntries();

    abstract void allowNewEntries();

    /** Fail closed: an export that cannot be recorded writes no file. */
    @Test
    @Order(4)
    void noFileWhenTheExportCannotBeRecorded() {
        refuseNewEntries();
        Response refused;
        try {
            refused = owner.get("/audit/export?format=csv", "text/csv");
        } finally {
            allowNewEntries();
        }
        assertThat(refused.status()).isEqualTo(500);
        assertThat(refused.header("content-disposition")).isNull();
        assertThat(refused.body()).doesNotContain("seq,occurredAt").doesNotContain("client.profile.read");
    }

    /** Fail closed: a search that cannot be recorded shows no entry. */
    @Test
    @Order(4)
    void noResultsWhenTheSearchCannotBeRecorded() {
        refuseNewEntries();
        Response refused;
        try {
            refused = owner.get("/audit?client=client-a1");
        } finally {
            allowNewEntries();
        }
        assertThat(refused.status()).isEqualTo(500);
        assertThat(rows(refused.body())).isEmpty();
        assertThat(refused.body()).doesNotContain(BORYS_NAME).doesNotContain("client.profile.read");
        assertThat(rows(owner.get("/audit?client=client-a1").body())).isNotEmpty();
    }

    @Test
    @Order(5)
    void verifyShowsProgressJoinsTheRunningOneAndReportsIntact() throws Exception {
        CountDownLatch gate = new CountDownLatch(1);
        verification.gate = gate;
        int runs = verification.runs.get();
        try {
            Response started = owner.submit("/audit/verify", "/audit/verify", Map.of());
            assertThat(started.status()).isEqualTo(302);
            waitFor(() -> verification.runs.get() == runs + 1);
            Response running = owner.get("/audit/verify");
            assertThat(running.body()).contains("<progress id=\"verify-progress\" value=\"1\"")
                    .contains("hx-trigger=\"load delay:1s\"").contains("hx-get=\"/audit/verify/progress\"")
                    .contains("aria-live=\"polite\"").contains("Checked 1 of about").contains("by " + OWNER_NAME);
            assertThat(owner.submit("/audit/verify", "/audit/verify", Map.of()).status()).isEqualTo(302);
            assertThat(verification.runs.get()).as("a second start joins the running verification").isEqualTo(runs + 1);
        } finally {
            verification.gate = null;
            gate.countDown();
        }
        String done = poll();
        assertThat(done).contains("The trail is intact").doesNotContain("hx-trigger").contains("Verify again");
        assertThat(count("SELECT COUNT(*) FROM audit_entry WHERE action = 'audit.verify' AND actor_id = :me AND reason = 'started'",
                Map.of("me", ownerId))).isEqualTo(1);
        assertThat(count("SELECT COUNT(*) FROM audit_entry WHERE action = 'audit.verify' AND actor_id = :me AND reason = 'intact'"
                + " AND outcome = 'succeeded'", Map.of("me", ownerId))).isEqualTo(1);
    }

    /** Attack: someone with write access to the database changes an entry to hide what a person looked at. */
    @Test
    @Order(6)
    void alteredEntryShowsBrokenAtItsSequenceNumberAndWhatToDo() throws Exception {
        long seq = count("SELECT MIN(seq) FROM audit_entry WHERE client_id = 'client-a1'", Map.of());
        jdbc.sql("UPDATE audit_entry SET client_id = 'client-zz' WHERE seq = :seq").param("seq", seq).update();
        try {
            assertThat(owner.submit("/audit/verify", "/audit/verify", Map.of()).status()).isEqualTo(302);
            String done = poll();
            assertThat(done).contains("The trail is broken at entry " + seq + "<")
                    .contains("What is wrong: an entry was changed after it was written")
                    .contains("What to do now").contains("docs/operations/audit.md");
            assertThat(owner.get("/audit/verify").body()).contains("The trail is broken at entry " + seq + "<");
        } finally {
            jdbc.sql("UPDATE audit_entry SET client_id = 'client-a1' WHERE seq = :seq").param("seq", seq).update();
        }
        assertThat(count("SELECT COUNT(*) FROM audit_entry WHERE action = 'audit.verify' AND reason = 'altered'"
                + " AND outcome = 'failed' AND resource_id = :seq", Map.of("seq", Long.toString(seq)))).isEqualTo(1);
    }

    String poll() throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            Response status = owner.get("/audit/verify/progress");
            assertThat(status.status()).isEqualTo(200);
            if (!status.body().contains("verify-running")) {
                return status.body();
            }
            Thread.sleep(100);
        }
        throw new AssertionError("the verification did not finish");
    }

    static void waitFor(java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out");
            }
            Thread.sleep(20);
        }
    }
}
