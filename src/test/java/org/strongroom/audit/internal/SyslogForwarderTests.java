package org.strongroom.audit.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;
import org.strongroom.audit.AuditConfigurationProblem;
import org.strongroom.audit.ForwardingStatus;
import org.strongroom.testing.TestFolders;

/**
 * The checkpoint sender against a real syslog-over-TLS listener on 127.0.0.1 with certificates
 * made here: framing and content, server certificate checks, mutual TLS, the listener going away
 * and coming back, a full queue, and a hung server that must not hold up the caller.
 */
class SyslogForwarderTests {

    static Path folder;
    static TestPki pki;
    static TestPki.Issued server;
    static Path caFile;

    final List<AutoCloseable> open = new ArrayList<>();

    @BeforeAll
    static void certificates() throws IOException {
        folder = TestFolders.fresh("syslog-forwarder");
        Files.createDirectories(folder);
        pki = new TestPki("Strongroom Test SIEM CA");
        server = pki.issue("127.0.0.1", "localhost");
        caFile = folder.resolve("siem-ca.pem");
        pki.writeCa(caFile);
    }

    @AfterEach
    void close() throws Exception {
        for (AutoCloseable c : open) {
            c.close();
        }
    }

    @Test
    void sendsEachCheckpointAsOneOctetCountedRfc5424Message() throws Exception {
        SyslogListener listener = listen(server, 0, false);
        SyslogForwarder forwarder = forwarder(listener.port(), caFile, null, null, 100, null);
        forwarder.forward(checkpoint(1));
        forwarder.forward(checkpoint(2));
        String first = listener.next(Duration.ofSeconds(10));
        String second = listener.next(Duration.ofSeconds(10));
        assertThat(listener.framingErrors()).isEmpty();
        for (String message : List.of(first, second)) {
            assertThat(SyslogMessagesTests.RFC5424.matcher(message).matches()).as(message).isTrue();
        }
        Matcher m = SyslogMessagesTests.RFC5424.matcher(first);
        assertThat(m.matches()).isTrue();
        assertThat(m.group(1)).isEqualTo("86");
        assertThat(m.group(3)).isEqualTo("node-1.example.org");
        assertThat(m.group(4)).isEqualTo("strongroom");
        assertThat(m.group(5)).isEqualTo(Long.toString(ProcessHandle.current().pid()));
        assertThat(m.group(7)).startsWith("[checkpoint@32473 seq=\"1\" createdAt=\"1764470460001\" headMac=\"");
        assertThat(second).contains("seq=\"2\"");
        waitFor(() -> forwarder.status().lastSentSeq() == 2);
        ForwardingStatus status = forwarder.status();
        assertThat(status.enabled()).isTrue();
        assertThat(status.destination()).isEqualTo("127.0.0.1:" + listener.port());
        assertThat(status.backlog()).isZero();
        assertThat(status.behind()).isFalse();
        assertThat(status.lastSentAt()).isNotNull();
    }

    @Test
    void sendsTheNewestStoredCheckpointAgainAtStart() throws Exception {
        SyslogListener listener = listen(server, 0, false);
        forwarder(listener.port(), caFile, null, null, 100, checkpoint(41));
        assertThat(listener.next(Duration.ofSeconds(10))).contains("seq=\"41\"");
    }

    /** Attack: a man in the middle presents a certificate from a CA the operator did not configure. */
    @Test
    void refusesAServerCertificateFromAnotherCa() throws Exception {
        TestPki other = new TestPki("Someone Else's CA");
        SyslogListener impostor = listen(other.issue("127.0.0.1"), 0, false);
        SyslogForwarder forwarder = forwarder(impostor.port(), caFile, null, null, 100, null);
        forwarder.forward(checkpoint(1));
        waitFor(() -> forwarder.status().lastError() != null);
        ForwardingStatus status = forwarder.status();
        assertThat(status.lastError()).startsWith("SSLHandshakeException");
        assertThat(status.behind()).isTrue();
        assertThat(status.backlog()).isEqualTo(1);
        assertThat(status.lastSentSeq()).isZero();
        assertThat(impostor.next(Duration.ofMillis(300))).isNull();
    }

    /** Attack: a certificate from the right CA, but issued to another host (hostname verification). */
    @Test
    void refusesAServerCertificateForAnotherName() throws Exception {
        SyslogListener elsewhere = listen(pki.issue("elsewhere.example.org"), 0, false);
        SyslogForwarder forwarder = forwarder(elsewhere.port(), caFile, null, null, 100, null);
        forwarder.forward(checkpoint(1));
        waitFor(() -> forwarder.status().lastError() != null);
        assertThat(forwarder.status().lastError()).contains("SSLHandshakeException");
        assertThat(elsewhere.next(Duration.ofMillis(300))).isNull();
    }

    @Test
    void presentsItsClientCertificateForMutualTls() throws Exception {
        TestPki clients = new TestPki("Strongroom Test Client CA");
        TestPki.Issued client = clients.issue("strongroom.example.org");
        Path cert = folder.resolve("client.pem");
        Path key = folder.resolve("client.key");
        client.writeCertificate(cert);
        client.writeKey(key);
        SyslogListener listener = new SyslogListener(server.context(clients.ca()), 0, true);
        open.add(listener);
        SyslogForwarder withCertificate = forwarder(listener.port(), caFile, cert, key, 100, null);
        withCertificate.forward(checkpoint(7));
        assertThat(listener.next(Duration.ofSeconds(10))).contains("seq=\"7\"");

        SyslogForwarder without = forwarder(listener.port(), caFile, null, null, 100, null);
        // With TLS 1.3 the server refuses the missing certificate after the client has finished its
        // side of the handshake: the first write can look sent (syslog over TLS has no
        // acknowledgement), and the refusal shows at the next one.
        long next = 8;
        long until = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (without.status().lastError() == null && System.nanoTime() < until) {
            without.forward(checkpoint(next++));
            Thread.sleep(200);
        }
        assertThat(without.status().lastError()).isNotNull();
        assertThat(listener.next(Duration.ofMillis(300))).isNull();
    }

    @Test
    void deliversWhatWaitedOnceTheListenerIsBack() throws Exception {
        int port = freePort();
        SyslogForwarder forwarder = forwarder(port, caFile, null, null, 100, null);
        for (int seq = 1; seq <= 3; seq++) {
            forwarder.forward(checkpoint(seq));
        }
        waitFor(() -> forwarder.status().lastError() != null);
        assertThat(forwarder.status().behind()).isTrue();
        assertThat(forwarder.status().lastError()).startsWith("ConnectException");

        SyslogListener listener = listen(server, port, false);
        for (int seq = 1; seq <= 3; seq++) {
            assertThat(listener.next(Duration.ofSeconds(10))).contains("seq=\"" + seq + "\"");
        }
        waitFor(() -> !forwarder.status().behind());
        assertThat(forwarder.status().backlog()).isZero();

        // The listener restarts while the connection is open: the next message goes to the new one.
        listener.close();
        SyslogListener restarted = listen(server, port, false);
        forwarder.forward(checkpoint(4));
        assertThat(restarted.next(Duration.ofSeconds(10))).contains("seq=\"4\"");
    }

    @Test
    void fullQueueDropsTheOldestCheckpoints() throws Exception {
        int port = freePort();
        SyslogForwarder forwarder = forwarder(port, caFile, null, null, 2, null);
        forwarder.forward(checkpoint(1));
        waitFor(() -> forwarder.status().lastError() != null);
        for (int seq = 2; seq <= 6; seq++) {
            forwarder.forward(checkpoint(seq));
        }
        assertThat(forwarder.status().backlog()).isEqualTo(2);
        // The sender may be holding checkpoint 1 for a retry just now; it finds the queue full of
        // newer ones when it puts it back, and drops it then.
        waitFor(() -> forwarder.status().dropped() == 4);
        SyslogListener listener = listen(server, port, false);
        assertThat(listener.next(Duration.ofSeconds(10))).contains("seq=\"5\"");
        assertThat(listener.next(Duration.ofSeconds(10))).contains("seq=\"6\"");
    }

    /** A SIEM that accepts connections and never answers must not hold up whoever makes checkpoints. */
    @Test
    void forwardReturnsAtOnceWhenTheServerHangs() throws Exception {
        ServerSocket hole = SyslogListener.blackHole();
        open.add(hole);
        SyslogForwarder forwarder = forwarder(hole.getLocalPort(), caFile, null, null, 1000, null);
        long start = System.nanoTime();
        for (int seq = 1; seq <= 5000; seq++) {
            forwarder.forward(checkpoint(seq));
        }
        long millis = (System.nanoTime() - start) / 1_000_000;
        assertThat(millis).isLessThan(2000);
        assertThat(forwarder.status().backlog()).isBetween(999, 1000);
        assertThat(forwarder.status().lastSentSeq()).isZero();
    }

    @Test
    void disabledWithoutAHost() {
        SyslogForwarder forwarder = new SyslogForwarder(jdbc(null), Clock.systemUTC(), "", 6514, "", "", "", "strongroom", "",
                "authpriv", 32473, 10, Duration.ofSeconds(1), Duration.ofMillis(50), Duration.ofMillis(200), Duration.ofMinutes(15), true);
        forwarder.start();
        forwarder.forward(checkpoint(1));
        assertThat(forwarder.status()).isEqualTo(ForwardingStatus.disabled());
        assertThat(forwarder.isRunning()).isFalse();
    }

    @Test
    void unusableSettingsStopStartUpWithOneLine() {
        assertThatThrownBy(() -> new SyslogForwarder(jdbc(null), Clock.systemUTC(), "siem.example.org", 6514,
                folder.resolve("missing-ca.pem").toString(), "", "", "strongroom", "", "authpriv", 32473, 10,
                Duration.ofSeconds(1), Duration.ofMillis(50), Duration.ofMillis(200), Duration.ofMinutes(15), true))
                .isInstanceOf(AuditConfigurationProblem.class).hasMessageContaining("missing-ca.pem").hasMessageContaining("does not exist");
        assertThatThrownBy(() -> new SyslogForwarder(jdbc(null), Clock.systemUTC(), "siem.example.org", 6514, "", "", "", "strongroom",
                "", "kernel", 32473, 10, Duration.ofSeconds(1), Duration.ofMillis(50), Duration.ofMillis(200), Duration.ofMinutes(15), true))
                .isInstanceOf(AuditConfigurationProblem.class).hasMessageContaining("STRONGROOM_AUDIT_SYSLOG_FACILITY");
        assertThatThrownBy(() -> new SyslogForwarder(jdbc(null), Clock.systemUTC(), "siem.example.org", 6514, "",
                folder.resolve("client.pem").toString(), "", "strongroom", "", "authpriv", 32473, 10,
                Duration.ofSeconds(1), Duration.ofMillis(50), Duration.ofMillis(200), Duration.ofMinutes(15), true))
                .isInstanceOf(AuditConfigurationProblem.class).hasMessageContaining("set both");
    }

    // --- helpers

    SyslogListener listen(TestPki.Issued certificate, int port, boolean clientAuth) throws IOException {
        SyslogListener listener = new SyslogListener(certificate.context(), port, clientAuth);
        open.add(listener);
        return listener;
    }

    SyslogForwarder forwarder(int port, Path ca, Path clientCertificate, Path clientKey, int queueSize, Checkpoint stored) {
        SyslogForwarder forwarder = new SyslogForwarder(jdbc(stored), Clock.systemUTC(), "127.0.0.1", port, ca.toString(),
                clientCertificate == null ? "" : clientCertificate.toString(), clientKey == null ? "" : clientKey.toString(),
                "strongroom", "node-1.example.org", "authpriv", 32473, queueSize, Duration.ofSeconds(2), Duration.ofMillis(50),
                Duration.ofMillis(200), Duration.ofMinutes(15), true);
        forwarder.start();
        open.add(forwarder::stop);
        return forwarder;
    }

    static Checkpoint checkpoint(long seq) {
        byte[] mac = new byte[32];
        mac[0] = (byte) seq;
        return new Checkpoint(seq, mac, 1764470460000L + seq, "0f".repeat(32), new byte[64]);
    }

    JdbcClient jdbc(Checkpoint stored) {
        SingleConnectionDataSource data = new SingleConnectionDataSource("jdbc:sqlite::memory:", true);
        open.add(data::destroy);
        JdbcClient jdbc = JdbcClient.create(data);
        jdbc.sql("CREATE TABLE audit_checkpoint (seq BIGINT PRIMARY KEY, head_mac BLOB, created_at BIGINT, key_id VARCHAR(64), signature BLOB)")
                .update();
        if (stored != null) {
            jdbc.sql("INSERT INTO audit_checkpoint VALUES (:seq, :mac, :at, :key, :sig)").param("seq", stored.seq())
                    .param("mac", stored.headMac()).param("at", stored.createdAt()).param("key", stored.keyId())
                    .param("sig", stored.signature()).update();
        }
        return jdbc;
    }

    static int freePort() throws IOException {
        try (ServerSocket probe = new ServerSocket(0)) {
            probe.setReuseAddress(true);
            return probe.getLocalPort();
        }
    }

    static void waitFor(BooleanSupplier condition) throws InterruptedException {
        for (int i = 0; i < 200 && !condition.getAsBoolean(); i++) {
            Thread.sleep(50);
        }
        assertThat(condition.getAsBoolean()).as("condition reached within 10 s").isTrue();
    }
}
