package org.strongroom.audit.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import jakarta.mail.Message;
import jakarta.mail.internet.MimeMessage;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetupTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.strongroom.audit.AuditConfigurationProblem;
import org.strongroom.audit.AuditTrail;
import org.strongroom.audit.BreakKind;
import org.strongroom.audit.VerificationRun;
import org.strongroom.audit.VerificationRuns;
import org.strongroom.identity.StaffId;
import org.strongroom.identity.StaffRole;
import org.strongroom.identity.StaffStatus;
import org.strongroom.identity.internal.Accounts;
import org.strongroom.testing.TestFolders;

/**
 * The scheduled verification with a real SMTP server (GreenMail): a tampered trail alerts every
 * active owner by mail, is shown by {@link VerificationRuns#latest()} and is itself recorded as a
 * failed {@code audit.verify} entry; an intact trail sends nothing. (PostgreSQL: the subclass.)
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE, properties = {
        "strongroom.data-dir=target/test-data/audit-scheduled-verification", "strongroom.audit.checkpoint-poll=1h",
        "strongroom.audit.verify-schedule=-", "strongroom.public-url=https://records.example.org"})
class ScheduledVerificationIntegrationTests {

    // One per test class (the PostgreSQL subclass gets its own): started before its context reads the port.
    static GreenMail MAIL;

    static {
        TestFolders.fresh("audit-scheduled-verification");
    }

    @BeforeAll
    static void startMail() {
        MAIL = new GreenMail(ServerSetupTest.SMTP.dynamicPort());
        MAIL.start();
    }

    @DynamicPropertySource
    static void mail(DynamicPropertyRegistry registry) {
        registry.add("strongroom.mail.host", () -> "localhost");
        registry.add("strongroom.mail.port", () -> MAIL.getSmtp().getPort());
        registry.add("strongroom.mail.starttls", () -> "false");
        registry.add("strongroom.mail.from", () -> "strongroom@example.org");
    }

    @AfterAll
    static void stopMail() {
        MAIL.stop();
    }

    @Autowired
    ScheduledVerification job;
    @Autowired
    VerificationRuns runs;
    @Autowired
    AuditTrail trail;
    @Autowired
    Checkpointer checkpointer;
    @Autowired
    Accounts accounts;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    PlatformTransactionManager transactions;

    @BeforeEach
    void emptyTrailAndStaff() throws Exception {
        EmptyTrail.in(jdbc);
        jdbc.sql("DELETE FROM audit_verification_run").update();
        jdbc.sql("DELETE FROM staff_member").update();
        Files.deleteIfExists(checkpointer.file());
        MAIL.purgeEmailFromAllMailboxes();
        Instant now = Instant.now();
        accounts.insert(StaffId.random(), "olena.kovalenko@example.org", "Olena Kovalenko", null, StaffRole.OWNER, StaffStatus.ACTIVE, now);
        StaffId second = StaffId.random();
        accounts.insert(second, "taras.melnyk@example.org", "Taras Melnyk", null, StaffRole.OWNER, StaffStatus.ACTIVE, now);
        jdbc.sql("UPDATE staff_member SET locale = 'uk' WHERE id = :id").param("id", second.toString()).update();
        accounts.insert(StaffId.random(), "iryna.bondar@example.org", "Iryna Bondar", null, StaffRole.OWNER, StaffStatus.DISABLED, now);
        accounts.insert(StaffId.random(), "petro.lysenko@example.org", "Petro Lysenko", null, StaffRole.ADMINISTRATOR, StaffStatus.ACTIVE, now);
    }

    /** Attack: an entry is changed in the database; the nightly run catches it and tells the owners. */
    @Test
    void tamperedTrailAlertsEveryActiveOwnerAndIsRecorded() throws Exception {
        append(5);
        jdbc.sql("UPDATE audit_entry SET reason = 'nothing_to_see' WHERE seq = 3").update();

        VerificationRun run = job.runExclusively().orElseThrow(() -> new AssertionError("the run was skipped"));

        assertThat(run.outcome()).isEqualTo(VerificationRun.Result.BROKEN);
        assertThat(run.firstBadSeq()).isEqualTo(3L);
        assertThat(run.kind()).isEqualTo(BreakKind.ALTERED);
        assertThat(run.entriesChecked()).isEqualTo(2);
        assertThat(runs.latest()).contains(run);

        assertThat(MAIL.waitForIncomingEmail(10_000, 2)).isTrue();
        MimeMessage[] mails = MAIL.getReceivedMessages();
        assertThat(mails).hasSize(2);
        Map<String, MimeMessage> byRecipient = Map.of(
                mails[0].getRecipients(Message.RecipientType.TO)[0].toString(), mails[0],
                mails[1].getRecipients(Message.RecipientType.TO)[0].toString(), mails[1]);
        assertThat(byRecipient).containsOnlyKeys("olena.kovalenko@example.org", "taras.melnyk@example.org");
        MimeMessage english = byRecipient.get("olena.kovalenko@example.org");
        assertThat(english.getSubject()).isEqualTo("Strongroom alert: the audit trail failed verification");
        String body = GreenMailUtil.getBody(english).replace("=\r\n", "");
        assertThat(body).contains("Hello Olena Kovalenko", "broken at entry 3: an entry was altered after it was written",
                "https://records.example.org/audit");
        assertThat(byRecipient.get("taras.melnyk@example.org").getSubject()).isEqualTo("Тривога Strongroom: журнал аудиту не пройшов перевірку");

        Map<String, Object> entry = jdbc.sql("""
                SELECT actor_type, action, outcome, reason, resource_type, resource_id FROM audit_entry
                WHERE seq = (SELECT MAX(seq) FROM audit_entry)""").query().singleRow();
        assertThat(entry).containsEntry("actor_type", "system").containsEntry("action", "audit.verify")
                .containsEntry("outcome", "failed").containsEntry("reason", "altered")
                .containsEntry("resource_type", "audit_entry").containsEntry("resource_id", "3");
    }

    @Test
    void intactTrailSendsNoMailAndRecordsSuccess() throws Exception {
        append(4);

        VerificationRun run = job.runExclusively().orElseThrow(() -> new AssertionError("the run was skipped"));

        assertThat(run.outcome()).isEqualTo(VerificationRun.Result.INTACT);
        assertThat(run.entriesChecked()).isEqualTo(4);
        assertThat(run.firstBadSeq()).isNull();
        assertThat(run.broken()).isFalse();
        assertThat(runs.latest()).map(VerificationRun::outcome).contains(VerificationRun.Result.INTACT);
        assertThat(MAIL.waitForIncomingEmail(500, 1)).isFalse();
        List<String> last = jdbc.sql("SELECT action || ' ' || outcome FROM audit_entry WHERE seq = 5").query(String.class).list();
        assertThat(last).containsExactly("audit.verify succeeded");

        // The next run checks the entry the previous one wrote, too.
        assertThat(job.runExclusively()).map(VerificationRun::entriesChecked).contains(5L);
    }

    @Test
    void scheduleMustBeACronExpressionOrDash() {
        assertThatThrownBy(() -> new ScheduledVerification(null, null, null, null, null, null, null, "every night"))
                .isInstanceOf(AuditConfigurationProblem.class).hasMessageContaining("STRONGROOM_AUDIT_VERIFY_SCHEDULE");
        new ScheduledVerification(null, null, null, null, null, null, null, "-");
        new ScheduledVerification(null, null, null, null, null, null, null, "0 0 3 * * MON-FRI");
    }

    void append(int n) {
        TransactionTemplate tx = new TransactionTemplate(transactions);
        for (int i = 0; i < n; i++) {
            int k = i;
            tx.executeWithoutResult(s -> trail.record(AuditTrailIntegrationTests.event(k)));
        }
    }
}
