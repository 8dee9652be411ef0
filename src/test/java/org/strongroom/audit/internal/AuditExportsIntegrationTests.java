package org.strongroom.audit.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.authentication.event.AuthenticationFailureBadCredentialsEvent;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.strongroom.audit.ActorType;
import org.strongroom.audit.AuditBundles;
import org.strongroom.audit.AuditEvent;
import org.strongroom.audit.AuditExports;
import org.strongroom.audit.AuditQuery;
import org.strongroom.audit.AuditTrail;
import org.strongroom.audit.BundleProblem;
import org.strongroom.audit.BundleVerdict;
import org.strongroom.audit.ExportFormat;
import org.strongroom.audit.Outcome;
import org.strongroom.crypto.AuditKeys;
import org.strongroom.crypto.CheckpointSignatures;
import org.strongroom.identity.StaffAdministration;
import org.strongroom.identity.StaffId;
import org.strongroom.identity.StaffRole;
import org.strongroom.testing.MutableClock;
import org.strongroom.testing.TestFolders;

import com.google.crypto.tink.subtle.Ed25519Sign;

/**
 * Exports of the trail: CSV and JSON Lines with filters, and signed bundles that verify offline —
 * and every tampering of a bundle file detected and named by line and entry.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE,
        properties = {"strongroom.data-dir=target/test-data/audit-exports", "strongroom.audit.checkpoint-poll=1h"})
@Import(AuditExportsIntegrationTests.Clocks.class)
class AuditExportsIntegrationTests {

    static {
        TestFolders.fresh("audit-exports");
    }

    static final String ALICE = "0b8e7c1d-0000-4000-8000-00000000000a";
    static final String BORIS = "0b8e7c1d-0000-4000-8000-00000000000b";
    static final Instant START = Instant.parse("2026-03-01T09:00:00Z");

    @TestConfiguration
    static class Clocks {
        @Bean
        @Primary
        MutableClock movableClock() {
            return new MutableClock(START);
        }
    }

    @Autowired
    AuditTrail trail;
    @Autowired
    AuditExports exports;
    @Autowired
    AuditKeys keys;
    @Autowired
    Checkpointer checkpointer;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    MutableClock clock;
    @Autowired
    StaffAdministration staff;
    @Autowired
    ApplicationEventPublisher events;
    @Autowired
    PlatformTransactionManager transactions;

    /** 30 entries an hour apart from START, checkpoints at 10 and 25. */
    @BeforeEach
    void trailWithTwoCheckpoints() {
        EmptyTrail.in(jdbc);
        clock.advance(Duration.between(clock.instant(), START));
        TransactionTemplate tx = new TransactionTemplate(transactions);
        for (int i = 0; i < 30; i++) {
            String actor = i % 3 == 0 ? BORIS : ALICE;
            Outcome outcome = i % 5 == 0 ? Outcome.DENIED : Outcome.ALLOWED;
            AuditEvent event = AuditEvent.of(ActorType.STAFF, actor, "client.profile.read", outcome).withClient("client-" + (i % 4));
            tx.executeWithoutResult(s -> trail.record(event));
            clock.advance(Duration.ofHours(1));
            if (i == 9 || i == 24) {
                assertThat(checkpointer.checkpoint()).isPresent();
            }
        }
    }

    @Test
    void csvHasTheHeaderAndOneRecordPerMatchingEntryOldestFirst() throws IOException {
        String csv = export(AuditQuery.all().byActor(BORIS), ExportFormat.CSV);
        List<String> lines = csv.lines().toList();
        assertThat(lines.get(0)).startsWith("seq,occurredAt,actorType,actorId,action,");
        assertThat(lines).hasSize(1 + 10);
        assertThat(lines.get(1)).isEqualTo("1,2026-03-01T09:00:00.000Z,staff," + BORIS + ",client.profile.read,,,client-0,denied,,,,");
        assertThat(csv).contains("\r\n").doesNotContain("\r\r");
    }

    @Test
    void jsonLinesHoldOneObjectPerEntryWithStableFields() throws IOException {
        String jsonl = export(AuditQuery.all().withOutcome(Outcome.DENIED), ExportFormat.JSON_LINES);
        List<String> lines = jsonl.lines().toList();
        assertThat(lines).hasSize(6);
        assertThat(lines.get(1)).isEqualTo("{\"seq\":6,\"occurredAt\":\"2026-03-01T14:00:00.000Z\",\"actorType\":\"staff\","
                + "\"actorId\":\"" + ALICE + "\",\"action\":\"client.profile.read\",\"resourceType\":null,\"resourceId\":null,"
                + "\"clientId\":\"client-1\",\"outcome\":\"denied\",\"reason\":null,\"sourceAddress\":null,"
                + "\"userAgentHash\":null,\"requestId\":null}");
    }

    /** Attack: CSV formula injection through ids that a request controls (e.g. an API token id). */
    @Test
    void hostileIdsReachTheCsvOnlyAsText() throws IOException {
        new TransactionTemplate(transactions).executeWithoutResult(s -> {
            trail.record(AuditEvent.of(ActorType.TOKEN, "=1+1", "test.hostile", Outcome.DENIED).withClient("-2+3"));
            trail.record(AuditEvent.of(ActorType.TOKEN, "@SUM(A1)", "test.hostile", Outcome.DENIED)
                    .withClient("=HYPERLINK(\"http://attacker.example\")").withRequest("+1", null, "\t=1+1\r\n"));
        });
        String csv = export(AuditQuery.all().withAction("test.hostile"), ExportFormat.CSV);
        List<String> rows = csv.lines().skip(1).toList();
        assertThat(rows).hasSize(2);
        assertThat(rows.get(0)).contains(",token,'=1+1,test.hostile,,,'-2+3,denied,");
        assertThat(rows.get(1)).contains(",token,'@SUM%28A1%29,test.hostile,,,'=HYPERLINK%28%22http://attacker.example%22%29,denied,,'+1,,%09=1+1%0D%0A");
        for (String row : rows) {
            for (String cell : row.split(",", -1)) {
                assertThat(cell).as("no cell starts with a formula trigger").doesNotStartWith("=").doesNotStartWith("+")
                        .doesNotStartWith("-").doesNotStartWith("@").doesNotStartWith("\t");
            }
        }
    }

    @Test
    void aBundleOfTheWholeTrailVerifiesOffline() throws IOException {
        byte[] bundle = bundle(AuditQuery.all());
        BundleVerdict verdict = AuditBundles.verify(new ByteArrayInputStream(bundle), keys.checkpointKeyId());
        assertThat(verdict).isEqualTo(new BundleVerdict.Intact(1, 30, 30, 2, clock.instant(), keys.checkpointKeyId(), true));
        List<String> lines = lines(bundle);
        assertThat(lines).hasSize(1 + 30 + 2 + 1);
        assertThat(lines.get(0)).startsWith("{\"type\":\"header\",\"format\":\"strongroom-audit-bundle\",\"version\":1,");
        assertThat(lines.get(11)).startsWith("{\"type\":\"checkpoint\",\"seq\":10,");
        assertThat(lines.get(33)).startsWith("{\"type\":\"trailer\",\"sha256\":\"");
        assertThat(AuditBundles.verify(new ByteArrayInputStream(bundle), null))
                .isEqualTo(new BundleVerdict.Intact(1, 30, 30, 2, clock.instant(), keys.checkpointKeyId(), false));
    }

    /** The bundle's checkpoint lines are the very lines of the checkpoints file, plus their type. */
    @Test
    void bundleCheckpointsMatchTheCheckpointsFile() throws IOException {
        List<String> file = java.nio.file.Files.readAllLines(checkpointer.file());
        List<String> inBundle = lines(bundle(AuditQuery.all())).stream().filter(l -> l.contains("\"type\":\"checkpoint\""))
                .map(l -> l.replace("\"type\":\"checkpoint\",", "")).toList();
        assertThat(file).containsSubsequence(inBundle);
    }

    @Test
    void aBundleOfAPeriodHoldsEveryEntryOfItAndAnchorsItsStart() throws IOException {
        // 09:00 + 10 h = entry 11; until 09:00 + 26 h: up to entry 26.
        byte[] bundle = bundle(AuditQuery.all().between(START.plus(Duration.ofHours(10)), START.plus(Duration.ofHours(26))));
        BundleVerdict verdict = AuditBundles.verify(new ByteArrayInputStream(bundle), keys.checkpointKeyId());
        assertThat(verdict).isInstanceOf(BundleVerdict.Intact.class);
        BundleVerdict.Intact intact = (BundleVerdict.Intact) verdict;
        assertThat(intact.firstSeq()).isEqualTo(11);
        assertThat(intact.lastSeq()).isEqualTo(26);
        assertThat(intact.entries()).isEqualTo(16);
        assertThat(intact.checkpoints()).as("10, before the period, anchors its start; 25 inside").isEqualTo(2);
        assertThat(lines(bundle).get(1)).startsWith("{\"type\":\"checkpoint\",\"seq\":10,");
    }

    @Test
    void anEmptyPeriodMakesAnEmptyValidBundle() throws IOException {
        byte[] bundle = bundle(AuditQuery.all().between(START.minus(Duration.ofDays(2)), START.minus(Duration.ofDays(1))));
        BundleVerdict verdict = AuditBundles.verify(new ByteArrayInputStream(bundle), keys.checkpointKeyId());
        assertThat(verdict).isInstanceOf(BundleVerdict.Intact.class);
        assertThat(((BundleVerdict.Intact) verdict).entries()).isZero();
    }

    /** Decision: a bundle is a contiguous period; a filtered selection could not show what it left out. */
    @Test
    void aBundleRefusesFilters() {
        assertThatIllegalArgumentException().isThrownBy(() -> bundle(AuditQuery.all().byActor(ALICE)))
                .withMessageContaining("period");
        assertThatIllegalArgumentException().isThrownBy(() -> bundle(AuditQuery.all().withOutcome(Outcome.DENIED)));
        assertThatIllegalArgumentException().isThrownBy(() -> bundle(AuditQuery.all().aboutClient("client-1")));
        assertThatIllegalArgumentException().isThrownBy(() -> bundle(AuditQuery.all().withAction("client")));
    }

    /** Attack: exporting (and so vouching for) entries that were altered in the database. */
    @Test
    void noBundleIsSignedOverABrokenChain() throws IOException {
        jdbc.sql("UPDATE audit_entry SET client_id = 'client-9' WHERE seq = 7").update();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertThatThrownBy(() -> exports.write(AuditQuery.all(), ExportFormat.SIGNED_BUNDLE, out))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("entry 7").hasMessageContaining("no bundle was signed");
        assertThat(out.toString(StandardCharsets.US_ASCII)).doesNotContain("\"type\":\"trailer\"");
        assertThat(AuditBundles.verify(new ByteArrayInputStream(out.toByteArray()), null)).isInstanceOf(BundleVerdict.Broken.class);
    }

    /** Attack: a forged checkpoint in the database is not carried into a signed bundle. */
    @Test
    void noBundleIsSignedOverAForgedCheckpoint() {
        jdbc.sql("UPDATE audit_checkpoint SET created_at = created_at + 1 WHERE seq = 25").update();
        assertThatThrownBy(() -> exports.write(AuditQuery.all(), ExportFormat.SIGNED_BUNDLE, new ByteArrayOutputStream()))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("checkpoint at entry 25");
    }

    @Test
    void extensionsAndMediaTypes() {
        assertThat(exports.extension(ExportFormat.CSV)).isEqualTo("csv");
        assertThat(exports.extension(ExportFormat.JSON_LINES)).isEqualTo("jsonl");
        assertThat(exports.extension(ExportFormat.SIGNED_BUNDLE)).isEqualTo("bundle.jsonl");
        assertThat(exports.mediaType(ExportFormat.CSV)).startsWith("text/csv; charset=UTF-8");
        assertThat(exports.mediaType(ExportFormat.JSON_LINES)).isEqualTo("application/jsonl");
    }

    // ---- canaries: no personal data in exports ----

    static final String CANARY_NAME = "Zoryana Kanarka-Testivna";
    static final String CANARY_EMAIL = "zoryana.kanarka@example.org";

    /**
     * Canary: a fictitious person's name and email planted where personal data lives (a staff
     * account, a sign-in attempt with that email as the user name) never reach an export, in any
     * format, in any letter case.
     */
    @Test
    void canariesInStaffDataAndSignInsNeverReachAnExport() throws IOException {
        var invitation = staff.invite(null, CANARY_NAME, CANARY_EMAIL, StaffRole.STAFF);
        assertThat(invitation).isInstanceOf(StaffAdministration.Invitation.Sent.class);
        StaffId canary = ((StaffAdministration.Invitation.Sent) invitation).staff();
        staff.changeRole(null, canary, StaffRole.ADMINISTRATOR);
        staff.disable(null, canary);
        events.publishEvent(new AuthenticationFailureBadCredentialsEvent(
                UsernamePasswordAuthenticationToken.unauthenticated(CANARY_EMAIL, "copper-lantern-harbour-71"),
                new BadCredentialsException("Bad credentials")));
        assertThat(jdbc.sql("SELECT COUNT(*) FROM audit_entry WHERE action LIKE 'identity.%'").query(Long.class).single())
                .as("the planted events were recorded").isGreaterThanOrEqualTo(4);

        for (ExportFormat format : ExportFormat.values()) {
            String text = format == ExportFormat.SIGNED_BUNDLE
                    ? new String(bundle(AuditQuery.all()), StandardCharsets.US_ASCII)
                    : export(AuditQuery.all(), format);
            assertThat(text.toLowerCase(java.util.Locale.ROOT)).as(format.name())
                    .contains(canary.toString())
                    .doesNotContain("zoryana", "kanarka", "testivna", CANARY_EMAIL, "zoryana%2ekanarka", "copper-lantern");
        }
    }

    /**
     * Canary in an id: percent-encoding keeps spaces, angle brackets and non-ASCII out of the clear,
     * so the planted name never appears as written, but it is not redaction: the characters of an
     * email address are all allowed in ids and pass unchanged. Keeping personal data out of ids is
     * the recording module's duty (AuditEvent's contract), which the canary test above checks.
     */
    @Test
    void idsArePercentEncodedNotRedacted() throws IOException {
        new TransactionTemplate(transactions).executeWithoutResult(s -> trail.record(AuditEvent.of(ActorType.TOKEN,
                CANARY_NAME + " <" + CANARY_EMAIL + ">", "test.canary", Outcome.DENIED).withClient("Зоряна Канарка")));
        for (ExportFormat format : new ExportFormat[] {ExportFormat.CSV, ExportFormat.JSON_LINES}) {
            String text = export(AuditQuery.all().withAction("test.canary"), format);
            assertThat(text).as(format.name()).doesNotContain(CANARY_NAME, "<", "Зоряна", "Канарка")
                    .contains("Zoryana%20Kanarka-Testivna%20%3C" + CANARY_EMAIL + "%3E")
                    .contains("%D0%97%D0%BE%D1%80%D1%8F%D0%BD%D0%B0");
        }
    }

    // ---- tampering with a bundle file: each detected and named ----

    /** Attack: one byte of an entry changed (here the outcome of entry 5, denied → allowed would need more; one letter). */
    @Test
    void changedByteInAnEntryIsDetected() throws IOException {
        List<String> lines = lines(bundle(AuditQuery.all()));
        lines.set(5, lines.get(5).replace("\"client-0\"", "\"client-8\""));
        assertBroken(lines, 34, 0, BundleProblem.ALTERED);
    }

    /** Attack: an entry line deleted. */
    @Test
    void deletedEntryIsDetected() throws IOException {
        List<String> lines = lines(bundle(AuditQuery.all()));
        lines.remove(5); // entry 5
        assertBroken(lines, 6, 5, BundleProblem.MISSING);
    }

    /** Attack: the last entries and the trailer deleted (and a trailer kept). */
    @Test
    void deletedLastEntryIsDetected() throws IOException {
        List<String> lines = lines(bundle(AuditQuery.all()));
        lines.remove(32); // entry 30, just before the trailer
        assertBroken(lines, 33, 30, BundleProblem.TRUNCATED);
    }

    /** Attack: a checkpoint line deleted (one that would have shown a rewritten chain). */
    @Test
    void deletedCheckpointIsDetected() throws IOException {
        List<String> lines = lines(bundle(AuditQuery.all()));
        lines.remove(11);
        assertBroken(lines, 33, 0, BundleProblem.ALTERED);
    }

    /** Attack: two entry lines swapped. */
    @Test
    void swappedEntriesAreDetected() throws IOException {
        List<String> lines = lines(bundle(AuditQuery.all()));
        String fourth = lines.get(4);
        lines.set(4, lines.get(5));
        lines.set(5, fourth);
        assertBroken(lines, 5, 4, BundleProblem.REORDERED);
    }

    /** Attack: a checkpoint moved next to another entry. */
    @Test
    void movedCheckpointIsDetected() throws IOException {
        List<String> lines = lines(bundle(AuditQuery.all()));
        String checkpoint = lines.remove(11);
        lines.add(12, checkpoint);
        assertBroken(lines, 13, 10, BundleProblem.CHECKPOINT_MISMATCH);
    }

    /** Attack: the file cut off, at a line boundary (trailer gone) and in the middle of a line. */
    @Test
    void truncationIsDetected() throws IOException {
        byte[] bundle = bundle(AuditQuery.all());
        List<String> lines = lines(bundle);
        assertBroken(lines.subList(0, 20), 20, 18, BundleProblem.TRUNCATED);
        assertBroken(lines.subList(0, lines.size() - 1), 33, 30, BundleProblem.TRUNCATED);
        for (int cut = 1; cut < bundle.length; cut += 97) {
            BundleVerdict verdict = AuditBundles.verify(new ByteArrayInputStream(java.util.Arrays.copyOf(bundle, cut)), null);
            assertThat(verdict).as("cut at byte %d", cut).isInstanceOf(BundleVerdict.Broken.class);
            assertThat(((BundleVerdict.Broken) verdict).problem()).as("cut at byte %d", cut).isEqualTo(BundleProblem.TRUNCATED);
        }
        assertThat(AuditBundles.verify(new ByteArrayInputStream(new byte[0]), null)).isInstanceOf(BundleVerdict.Broken.class);
    }

    /** Attack: an extra entry appended inside the range's end, or content after the trailer. */
    @Test
    void addedLinesAreDetected() throws IOException {
        List<String> lines = lines(bundle(AuditQuery.all()));
        List<String> extra = new ArrayList<>(lines);
        extra.add(33, lines.get(32).replace("\"seq\":30,", "\"seq\":31,"));
        assertBroken(extra, 34, 31, BundleProblem.INSERTED);
        List<String> after = new ArrayList<>(lines);
        after.add(lines.get(5));
        assertBroken(after, 35, 0, BundleProblem.UNREADABLE);
    }

    /** Attack: the trailer's digest recomputed after a change, without the private key to sign it. */
    @Test
    void recomputedDigestWithoutTheKeyIsDetected() throws IOException {
        List<String> lines = lines(bundle(AuditQuery.all()));
        lines.set(5, lines.get(5).replace("\"client-0\"", "\"client-8\""));
        String digest = HexFormat.of().formatHex(sha256(lines.subList(0, 33)));
        lines.set(33, lines.get(33).replaceFirst("\"sha256\":\"[0-9a-f]+\"", "\"sha256\":\"" + digest + "\""));
        assertBroken(lines, 34, 0, BundleProblem.SIGNATURE_INVALID);
    }

    /**
     * Attack: the public key replaced by an attacker's and the trailer re-signed with it. The
     * checkpoints, signed by the installation's key, give it away.
     */
    @Test
    void replacedKeyIsDetectedByTheCheckpoints() throws Exception {
        List<String> lines = lines(bundle(AuditQuery.all()));
        Ed25519Sign.KeyPair attacker = Ed25519Sign.KeyPair.newKeyPair();
        replaceKey(lines, attacker);
        resign(lines, attacker);
        assertBroken(lines, 12, 10, BundleProblem.CHECKPOINT_FORGED);
    }

    /**
     * Attack: the key replaced and everything re-signed with it, checkpoints too. Only the key id
     * the verifier already trusts (--key-id) tells: without it the bundle is reported with the
     * attacker's key id for the user to compare.
     */
    @Test
    void replacedKeyWithEverythingReSignedIsDetectedByTheExpectedKeyId() throws Exception {
        List<String> lines = lines(bundle(AuditQuery.all()));
        Ed25519Sign.KeyPair attacker = Ed25519Sign.KeyPair.newKeyPair();
        String attackerKeyId = CheckpointSignatures.keyId(attacker.getPublicKey());
        replaceKey(lines, attacker);
        Pattern checkpoint = Pattern.compile("\\{\"type\":\"checkpoint\",\"seq\":(\\d+),\"headMac\":\"([^\"]+)\",\"createdAt\":(\\d+),\"keyId\":\"[0-9a-f]+\",\"signature\":\"[^\"]+\"}");
        for (int i = 0; i < lines.size(); i++) {
            Matcher m = checkpoint.matcher(lines.get(i));
            if (m.matches()) {
                byte[] signed = EntryEncoding.checkpointInput(Long.parseLong(m.group(1)), Base64.getUrlDecoder().decode(m.group(2)),
                        Long.parseLong(m.group(3)));
                lines.set(i, "{\"type\":\"checkpoint\",\"seq\":" + m.group(1) + ",\"headMac\":\"" + m.group(2) + "\",\"createdAt\":"
                        + m.group(3) + ",\"keyId\":\"" + attackerKeyId + "\",\"signature\":\""
                        + EntryEncoding.base64(new Ed25519Sign(attacker.getPrivateKey()).sign(signed)) + "\"}");
            }
        }
        resign(lines, attacker);
        assertBroken(lines, keys.checkpointKeyId(), 1, 0, BundleProblem.KEY_MISMATCH);
        BundleVerdict unconfirmed = AuditBundles.verify(stream(lines), null);
        assertThat(unconfirmed).isInstanceOf(BundleVerdict.Intact.class);
        assertThat(((BundleVerdict.Intact) unconfirmed).keyId()).as("the attacker's key, for the user to compare").isEqualTo(attackerKeyId);
        assertThat(((BundleVerdict.Intact) unconfirmed).keyIdConfirmed()).isFalse();
    }

    /** Attack: a checkpoint forged (its time changed; its signature no longer holds). */
    @Test
    void forgedCheckpointIsDetected() throws IOException {
        List<String> lines = lines(bundle(AuditQuery.all()));
        Matcher m = Pattern.compile("\"createdAt\":(\\d+)").matcher(lines.get(27));
        assertThat(m.find()).isTrue();
        lines.set(27, lines.get(27).replace(m.group(), "\"createdAt\":" + (Long.parseLong(m.group(1)) + 1)));
        assertBroken(lines, 28, 25, BundleProblem.CHECKPOINT_FORGED);
    }

    /** Attack: an entry's MAC replaced so that a checkpoint no longer covers the real entry. */
    @Test
    void entryMacNotMatchingItsCheckpointIsDetected() throws IOException {
        List<String> lines = lines(bundle(AuditQuery.all()));
        lines.set(10, lines.get(10).replaceFirst("\"mac\":\"[^\"]+\"", "\"mac\":\"" + EntryEncoding.base64(new byte[32]) + "\""));
        assertBroken(lines, 12, 10, BundleProblem.CHECKPOINT_MISMATCH);
    }

    @Test
    void aLineThatIsNotJsonIsNamed() throws IOException {
        List<String> lines = lines(bundle(AuditQuery.all()));
        lines.set(7, "not json");
        assertBroken(lines, 8, 6, BundleProblem.UNREADABLE);
        lines.set(0, "{\"type\":\"header\"}");
        assertBroken(lines, 1, 0, BundleProblem.UNREADABLE);
    }

    // ---- helpers ----

    private String export(AuditQuery query, ExportFormat format) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        long n = exports.write(query, format, out);
        assertThat(n).isNotNegative();
        return out.toString(StandardCharsets.UTF_8);
    }

    private byte[] bundle(AuditQuery query) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        exports.write(query, ExportFormat.SIGNED_BUNDLE, out);
        return out.toByteArray();
    }

    private static List<String> lines(byte[] bundle) {
        return new ArrayList<>(new String(bundle, StandardCharsets.US_ASCII).lines().toList());
    }

    private static ByteArrayInputStream stream(List<String> lines) {
        StringBuilder text = new StringBuilder();
        lines.forEach(l -> text.append(l).append('\n'));
        return new ByteArrayInputStream(text.toString().getBytes(StandardCharsets.US_ASCII));
    }

    private void assertBroken(List<String> lines, long line, long seq, BundleProblem problem) throws IOException {
        assertBroken(lines, null, line, seq, problem);
    }

    private void assertBroken(List<String> lines, @Nullable String keyId, long line, long seq, BundleProblem problem) throws IOException {
        BundleVerdict verdict = AuditBundles.verify(stream(lines), keyId);
        assertThat(verdict).isInstanceOf(BundleVerdict.Broken.class);
        BundleVerdict.Broken broken = (BundleVerdict.Broken) verdict;
        assertThat(broken.problem()).as(broken.detail()).isEqualTo(problem);
        assertThat(broken.line()).as(broken.detail()).isEqualTo(line);
        assertThat(broken.seq()).as(broken.detail()).isEqualTo(seq);
    }

    private static void replaceKey(List<String> lines, Ed25519Sign.KeyPair attacker) {
        lines.set(0, lines.get(0)
                .replaceFirst("\"keyId\":\"[0-9a-f]+\"", "\"keyId\":\"" + CheckpointSignatures.keyId(attacker.getPublicKey()) + "\"")
                .replaceFirst("\"publicKey\":\"[^\"]+\"", "\"publicKey\":\"" + EntryEncoding.base64(attacker.getPublicKey()) + "\""));
    }

    private static void resign(List<String> lines, Ed25519Sign.KeyPair attacker) throws GeneralSecurityException {
        List<String> body = lines.subList(0, lines.size() - 1);
        byte[] digest = sha256(body);
        byte[] prefix = "strongroom-audit-export\0".getBytes(StandardCharsets.US_ASCII);
        byte[] signed = new byte[prefix.length + digest.length];
        System.arraycopy(prefix, 0, signed, 0, prefix.length);
        System.arraycopy(digest, 0, signed, prefix.length, digest.length);
        lines.set(lines.size() - 1, "{\"type\":\"trailer\",\"sha256\":\"" + HexFormat.of().formatHex(digest) + "\",\"signature\":\""
                + EntryEncoding.base64(new Ed25519Sign(attacker.getPrivateKey()).sign(signed)) + "\"}");
    }

    private static byte[] sha256(List<String> lines) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            lines.forEach(l -> sha.update((l + "\n").getBytes(StandardCharsets.US_ASCII)));
            return sha.digest();
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
