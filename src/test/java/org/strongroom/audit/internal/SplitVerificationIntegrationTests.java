package org.strongroom.audit.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import javax.sql.DataSource;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.strongroom.audit.AuditTrail;
import org.strongroom.audit.VerificationResult;
import org.strongroom.crypto.AuditKeys;
import org.strongroom.testing.TestFolders;

/**
 * The trail verified in two halves at once gives exactly the sequential walk's answer — first bad
 * sequence number, kind and detail — for every attack at every position of a twelve-entry trail,
 * so on both sides of the midpoint, at it and across it (SQLite; PostgreSQL: the subclass).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE,
        properties = {"strongroom.data-dir=target/test-data/audit-split", "strongroom.audit.checkpoint-poll=1h",
                "strongroom.audit.verify-schedule=-"})
class SplitVerificationIntegrationTests {

    static {
        TestFolders.fresh("audit-split");
    }

    static final int ENTRIES = 12;

    @Autowired
    AuditTrail trail;
    @Autowired
    Checkpointer checkpointer;
    @Autowired
    AuditEntries entries;
    @Autowired
    AuditKeys keys;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    DataSource dataSource;
    @Autowired
    PlatformTransactionManager transactions;

    TransactionTemplate tx;

    @BeforeEach
    void emptyTrail() throws IOException {
        tx = new TransactionTemplate(transactions);
        EmptyTrail.in(jdbc);
        Files.deleteIfExists(checkpointer.file());
    }

    static Stream<Arguments> attacks() {
        return Stream.of("altered", "alteredTime", "alteredMac", "deleted", "twoDeleted", "swapped", "inserted",
                "truncatedAgainstHead", "truncatedAgainstCheckpoint", "rolledBack", "rolledBackAndWrittenAgain",
                "checkpointForged", "checkpointWithAnotherHead", "fileCheckpointForged", "pruned", "prunedTooEarly")
                .flatMap(attack -> IntStream.rangeClosed(2, ENTRIES - 1).mapToObj(p -> Arguments.of(attack, p)));
    }

    /** Attack: each of the tamperings, at entry {@code p}. */
    @ParameterizedTest(name = "{0} at {1}")
    @MethodSource("attacks")
    void splitWalkFindsWhatTheSequentialWalkFinds(String attack, int p) {
        long keepSince = Long.MIN_VALUE;
        switch (attack) {
            case "altered" -> {
                append(ENTRIES);
                jdbc.sql("UPDATE audit_entry SET client_id = 'client-99' WHERE seq = :p").param("p", p).update();
            }
            case "alteredTime" -> {
                append(ENTRIES);
                jdbc.sql("UPDATE audit_entry SET occurred_at = occurred_at + 1 WHERE seq = :p").param("p", p).update();
            }
            case "alteredMac" -> {
                append(ENTRIES);
                byte[] mac = jdbc.sql("SELECT mac FROM audit_entry WHERE seq = :p").param("p", p).query(byte[].class).single();
                mac[0] ^= 1;
                jdbc.sql("UPDATE audit_entry SET mac = :mac WHERE seq = :p").param("mac", mac).param("p", p).update();
            }
            case "deleted" -> {
                append(ENTRIES);
                jdbc.sql("DELETE FROM audit_entry WHERE seq = :p").param("p", p).update();
            }
            case "twoDeleted" -> {
                append(ENTRIES);
                jdbc.sql("DELETE FROM audit_entry WHERE seq = :p OR seq = :p + 1").param("p", p).update();
            }
            case "swapped" -> {
                append(ENTRIES);
                jdbc.sql("UPDATE audit_entry SET seq = -1 WHERE seq = :p").param("p", p).update();
                jdbc.sql("UPDATE audit_entry SET seq = :p WHERE seq = :p + 1").param("p", p).update();
                jdbc.sql("UPDATE audit_entry SET seq = :p + 1 WHERE seq = -1").param("p", p).update();
            }
            case "inserted" -> {
                append(ENTRIES);
                jdbc.sql("UPDATE audit_entry SET seq = seq + 1000000 WHERE seq >= :p").param("p", p).update();
                jdbc.sql("UPDATE audit_entry SET seq = seq - 999999 WHERE seq >= 1000000").update();
                insertForged(p);
                jdbc.sql("UPDATE audit_head SET seq = :n WHERE id = 1").param("n", ENTRIES + 1).update();
            }
            case "truncatedAgainstHead" -> {
                append(ENTRIES);
                jdbc.sql("DELETE FROM audit_entry WHERE seq > :p").param("p", p).update();
            }
            case "truncatedAgainstCheckpoint" -> {
                append(ENTRIES);
                checkpointer.checkpoint();
                jdbc.sql("DELETE FROM audit_entry WHERE seq > :p").param("p", p).update();
                jdbc.sql("UPDATE audit_head SET seq = :p WHERE id = 1").param("p", p).update();
            }
            case "rolledBack" -> {
                append(p);
                byte[] macAtP = entries.head().mac();
                append(ENTRIES - p);
                checkpointer.checkpoint();
                jdbc.sql("DELETE FROM audit_entry WHERE seq > :p").param("p", p).update();
                jdbc.sql("DELETE FROM audit_checkpoint").update();
                jdbc.sql("UPDATE audit_head SET seq = :p, mac = :mac WHERE id = 1").param("p", p).param("mac", macAtP).update();
            }
            case "rolledBackAndWrittenAgain" -> {
                append(p - 1);
                byte[] macBefore = entries.head().mac();
                append(1);
                checkpointer.checkpoint();
                jdbc.sql("DELETE FROM audit_entry WHERE seq >= :p").param("p", p).update();
                jdbc.sql("DELETE FROM audit_checkpoint").update();
                jdbc.sql("UPDATE audit_head SET seq = :s, mac = :mac WHERE id = 1").param("s", p - 1).param("mac", macBefore).update();
                tx.executeWithoutResult(s -> trail.record(AuditTrailIntegrationTests.event(1000)));
                append(ENTRIES - p);
            }
            case "checkpointForged" -> {
                withCheckpointAt(p);
                byte[] signature = jdbc.sql("SELECT signature FROM audit_checkpoint WHERE seq = :p").param("p", p)
                        .query(byte[].class).single();
                signature[10] ^= 0x40;
                jdbc.sql("UPDATE audit_checkpoint SET signature = :s WHERE seq = :p").param("s", signature).param("p", p).update();
            }
            case "checkpointWithAnotherHead" -> {
                withCheckpointAt(p);
                jdbc.sql("UPDATE audit_checkpoint SET head_mac = :m WHERE seq = :p").param("m", new byte[32]).param("p", p).update();
            }
            case "fileCheckpointForged" -> {
                withCheckpointAt(p);
                jdbc.sql("DELETE FROM audit_checkpoint").update();
                try {
                    String line = Files.readString(checkpointer.file());
                    Files.writeString(checkpointer.file(), line.replaceFirst("\"seq\":" + p + ",", "\"seq\":" + (p + 1) + ","));
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
            }
            case "pruned" -> {
                withCheckpointAt(p);
                jdbc.sql("DELETE FROM audit_entry WHERE seq <= :p").param("p", p).update();
                keepSince = Long.MAX_VALUE;
            }
            case "prunedTooEarly" -> {
                withCheckpointAt(p);
                jdbc.sql("DELETE FROM audit_entry WHERE seq <= :p").param("p", p).update();
            }
            default -> throw new IllegalArgumentException(attack);
        }
        VerificationResult sequential = verify(Long.MAX_VALUE, keepSince, new ArrayList<>());
        List<Long> progress = new ArrayList<>();
        VerificationResult split = verify(2, keepSince, progress);
        assertThat(split).isEqualTo(sequential);
        assertThat(sequential).isInstanceOf(attack.equals("pruned") ? VerificationResult.Intact.class : VerificationResult.Broken.class);
        assertThat(progress).isSorted();
    }

    @Test
    void intactTrailInHalvesReportsItsLastEntryAndProgressThatNeverGoesBack() {
        append(ENTRIES);
        checkpointer.checkpoint();
        List<Long> progress = new ArrayList<>();
        ChainVerifier verifier = verifier(2, Long.MIN_VALUE);
        assertThat(verifier.verify(progress::add)).isEqualTo(new VerificationResult.Intact(ENTRIES, 1));
        assertThat(verifier.answeredInHalves()).as("the second half's walk was used").isTrue();
        assertThat(progress).isSorted().last().isEqualTo((long) ENTRIES);
    }

    /** Attack: alter an entry in the second half; the second half names it, once the first confirms its start. */
    @Test
    void breakInTheSecondHalfIsNamedByTheSecondHalf() {
        append(ENTRIES);
        jdbc.sql("UPDATE audit_entry SET client_id = 'client-99' WHERE seq = 10").update();
        ChainVerifier verifier = verifier(2, Long.MIN_VALUE);
        VerificationResult result = verifier.verify(n -> { });
        assertThat(verifier.answeredInHalves()).isTrue();
        AuditTrailIntegrationTests.assertBroken(result, 10, org.strongroom.audit.BreakKind.ALTERED);
        assertThat(result).isEqualTo(verify(Long.MAX_VALUE, Long.MIN_VALUE, new ArrayList<>()));
    }

    /** Attack: alter the entry at the midpoint, whose stored MAC the second half starts from. */
    @Test
    void alteredMacAtTheMidpointIsNotTrusted() {
        append(ENTRIES);
        long m = 1 + (ENTRIES - 1) / 2;
        byte[] mac = jdbc.sql("SELECT mac FROM audit_entry WHERE seq = :m").param("m", m).query(byte[].class).single();
        mac[3] ^= 1;
        jdbc.sql("UPDATE audit_entry SET mac = :mac WHERE seq = :m").param("mac", mac).param("m", m).update();
        ChainVerifier verifier = verifier(2, Long.MIN_VALUE);
        VerificationResult result = verifier.verify(n -> { });
        assertThat(verifier.answeredInHalves()).isFalse();
        AuditTrailIntegrationTests.assertBroken(result, m, org.strongroom.audit.BreakKind.FORGED);
    }

    @Test
    void emptyAndOneEntryTrailsAreTheSameEitherWay() {
        assertThat(verify(2, Long.MIN_VALUE, new ArrayList<>())).isEqualTo(new VerificationResult.Intact(0, 0));
        append(1);
        assertThat(verify(2, Long.MIN_VALUE, new ArrayList<>())).isEqualTo(new VerificationResult.Intact(1, 0));
        append(1);
        assertThat(verify(2, Long.MIN_VALUE, new ArrayList<>())).isEqualTo(new VerificationResult.Intact(2, 0));
    }

    /** Attack: a forged entry numbered before the first, which the split must not skip. */
    @Test
    void entryNumberedBelowOneIsFoundEitherWay() {
        append(ENTRIES);
        insertForged(0);
        VerificationResult sequential = verify(Long.MAX_VALUE, Long.MIN_VALUE, new ArrayList<>());
        assertThat(verify(2, Long.MIN_VALUE, new ArrayList<>())).isEqualTo(sequential);
        assertThat(sequential).isInstanceOf(VerificationResult.Broken.class);
    }

    VerificationResult verify(long splitAt, long keepSince, List<Long> progress) {
        return verifier(splitAt, keepSince).verify(progress::add);
    }

    ChainVerifier verifier(long splitAt, long keepSince) {
        return new ChainVerifier(dataSource, keys, new CheckpointFile(checkpointer.file()), keepSince, splitAt);
    }

    void withCheckpointAt(int p) {
        append(p);
        assertThat(checkpointer.checkpoint()).isPresent();
        append(ENTRIES - p);
    }

    void append(int count) {
        for (int i = 0; i < count; i++) {
            int n = i;
            tx.executeWithoutResult(s -> trail.record(AuditTrailIntegrationTests.event(n)));
        }
    }

    void insertForged(long seq) {
        byte[] mac = new byte[32];
        new java.security.SecureRandom().nextBytes(mac);
        jdbc.sql("""
                INSERT INTO audit_entry (seq, occurred_at, actor_type, actor_id, action, outcome, mac)
                VALUES (:seq, 1, 'staff', 'someone', 'client.profile.read', 'allowed', :mac)
                """).param("seq", seq).param("mac", mac).update();
    }
}
