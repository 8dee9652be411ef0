package org.strongroom.audit.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.strongroom.audit.AuditForwarding;
import org.strongroom.audit.AuditTrail;
import org.strongroom.crypto.AuditKeys;
import org.strongroom.crypto.CheckpointSignatures;
import org.strongroom.testing.TestFolders;

/**
 * The running trail with a SIEM on 127.0.0.1: checkpoints arrive signed and identical to the
 * stored ones, and a SIEM that hangs does not slow or fail appends; once it is back, the newest
 * checkpoints arrive.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE, properties = {
        "strongroom.data-dir=target/test-data/audit-syslog", "strongroom.audit.checkpoint-poll=1h",
        "strongroom.audit.checkpoint-every=10", "strongroom.audit.syslog.hostname=node-1.example.org",
        "strongroom.audit.syslog.queue-size=5", "strongroom.audit.syslog.timeout=2s",
        "strongroom.audit.syslog.retry-initial=50ms", "strongroom.audit.syslog.retry-max=200ms"})
class SyslogForwardingIntegrationTests {

    static final Pattern PARAM = Pattern.compile("(\\w+)=\"([^\"]*)\"");
    static final TestPki PKI = new TestPki("Strongroom Test SIEM CA");
    static final TestPki.Issued SIEM = PKI.issue("127.0.0.1");
    static final int PORT;
    static final Path CA;

    static {
        Path folder = TestFolders.fresh("audit-syslog");
        try {
            Files.createDirectories(folder);
            CA = folder.resolve("siem-ca.pem");
            PKI.writeCa(CA);
            PORT = SyslogForwarderTests.freePort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @DynamicPropertySource
    static void siem(DynamicPropertyRegistry registry) {
        registry.add("strongroom.audit.syslog.host", () -> "127.0.0.1");
        registry.add("strongroom.audit.syslog.port", () -> PORT);
        registry.add("strongroom.audit.syslog.ca-certificate", CA::toString);
    }

    static final List<AutoCloseable> OPEN = new ArrayList<>();

    @AfterAll
    static void close() throws Exception {
        for (AutoCloseable c : OPEN) {
            c.close();
        }
    }

    @Autowired
    AuditTrail trail;
    @Autowired
    AuditForwarding forwarding;
    @Autowired
    AuditKeys keys;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    PlatformTransactionManager transactions;

    @Test
    void checkpointsArriveSignedAndAsStored() throws Exception {
        try (SyslogListener siem = new SyslogListener(SIEM.context(), PORT, false)) {
            long before = head();
            append(10 - (int) (before % 10));
            long seq = head();
            String message = nextWithSeq(siem, seq);
            assertThat(SyslogMessagesTests.RFC5424.matcher(message).matches()).as(message).isTrue();
            assertThat(message).startsWith("<86>1 ").contains(" node-1.example.org strongroom ");

            Map<String, String> params = params(message);
            Map<String, Object> stored = jdbc.sql("SELECT head_mac, created_at, key_id, signature FROM audit_checkpoint WHERE seq = :seq")
                    .param("seq", seq).query().singleRow();
            Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
            assertThat(params).containsEntry("headMac", b64.encodeToString((byte[]) stored.get("head_mac")))
                    .containsEntry("createdAt", stored.get("created_at").toString())
                    .containsEntry("keyId", stored.get("key_id").toString())
                    .containsEntry("signature", b64.encodeToString((byte[]) stored.get("signature")));
            // Checkable far away, with nothing but the public key.
            byte[] signed = EntryEncoding.checkpointInput(seq, Base64.getUrlDecoder().decode(params.get("headMac")),
                    Long.parseLong(params.get("createdAt")));
            assertThat(CheckpointSignatures.verify(keys.checkpointPublicKey(), signed, Base64.getUrlDecoder().decode(params.get("signature"))))
                    .isTrue();
            assertThat(CheckpointSignatures.keyId(keys.checkpointPublicKey())).isEqualTo(params.get("keyId"));
        }
    }

    /** A SIEM that accepts connections and never answers (or is gone) costs the appenders nothing. */
    @Test
    void appendsAreNotSlowedWhileTheSiemHangsAndTheNewestCheckpointsArriveOnceItIsBack() throws Exception {
        List<Socket> held = new ArrayList<>();
        ServerSocket hole = new ServerSocket();
        hole.setReuseAddress(true);
        hole.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), PORT));
        Thread acceptor = new Thread(() -> {
            try {
                while (true) {
                    held.add(hole.accept());
                }
            } catch (IOException e) {
                // closed
            }
        });
        acceptor.setDaemon(true);
        acceptor.start();
        long slowest;
        long last;
        long newest;
        try {
            slowest = 0;
            for (int i = 0; i < 200; i++) {
                long start = System.nanoTime();
                append(1);
                slowest = Math.max(slowest, System.nanoTime() - start);
            }
            last = head();
            for (int wait = 0; wait < 200 && jdbc.sql("SELECT MAX(seq) FROM audit_checkpoint").query(Long.class).single() < last - last % 10; wait++) {
                Thread.sleep(50);
            }
            // Checkpoints are made from the head when the background thread gets to them, so
            // several runs of ten can share one; the newest covers the last full run.
            assertThat(jdbc.sql("SELECT MAX(seq) FROM audit_checkpoint").query(Long.class).single()).isGreaterThanOrEqualTo(last - last % 10);
            newest = jdbc.sql("SELECT MAX(seq) FROM audit_checkpoint").query(Long.class).single();
            SyslogForwarderTests.waitFor(() -> forwarding.status().behind());
            assertThat(forwarding.status().backlog()).isLessThanOrEqualTo(5);
            assertThat(forwarding.status().lastError()).contains("SocketTimeoutException");
        } finally {
            hole.close();
            for (Socket s : held) {
                s.close();
            }
        }
        // The TLS handshake timeout is 2 s; no append waited for anything like it.
        assertThat(Duration.ofNanos(slowest)).isLessThan(Duration.ofMillis(1500));

        try (SyslogListener siem = new SyslogListener(SIEM.context(), PORT, false)) {
            assertThat(nextWithSeq(siem, newest)).isNotNull();
            // The status moves after the write returns: wait for it rather than read it at once.
            SyslogForwarderTests.waitFor(() -> forwarding.status().lastSentSeq() == newest);
            SyslogForwarderTests.waitFor(() -> !forwarding.status().behind() && forwarding.status().backlog() == 0);
        }
    }

    static Map<String, String> params(String message) {
        Map<String, String> params = new java.util.HashMap<>();
        Matcher m = PARAM.matcher(message);
        while (m.find()) {
            params.put(m.group(1), m.group(2));
        }
        return params;
    }

    static String nextWithSeq(SyslogListener siem, long seq) throws InterruptedException {
        for (int i = 0; i < 50; i++) {
            String message = siem.next(Duration.ofSeconds(10));
            assertThat(message).as("a message with seq " + seq).isNotNull();
            if (message.contains("seq=\"" + seq + "\"")) {
                return message;
            }
        }
        throw new AssertionError("no message with seq " + seq);
    }

    long head() {
        return jdbc.sql("SELECT seq FROM audit_head WHERE id = 1").query(Long.class).single();
    }

    void append(int n) {
        TransactionTemplate tx = new TransactionTemplate(transactions);
        for (int i = 0; i < n; i++) {
            int k = i;
            tx.executeWithoutResult(s -> trail.record(AuditTrailIntegrationTests.event(k)));
        }
    }
}
