package org.strongroom.operations.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPublicKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.strongroom.testing.TestFolders;

class TlsCertificatesTests {

    @Test
    void makesAnEcdsaP256CertificateForLocalhostAndLoopback() throws Exception {
        Path folder = TestFolders.fresh("tls-new");
        DataFolder.createPrivateDirectories(folder);
        TlsCertificates.TlsFiles files = TlsCertificates.prepare("", "", folder, Clock.systemUTC());
        X509Certificate cert = read(files.certificate());

        assertThat(cert.getPublicKey()).isInstanceOf(ECPublicKey.class);
        assertThat(((ECPublicKey) cert.getPublicKey()).getParams().getCurve().getField().getFieldSize()).isEqualTo(256);
        List<String> names = cert.getSubjectAlternativeNames().stream().map(n -> n.get(1).toString()).toList();
        assertThat(names).contains("localhost", "127.0.0.1");
        assertThat(cert.getBasicConstraints()).isEqualTo(-1);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(files.privateKey()))).isEqualTo("rw-------");
    }

    @Test
    void reusesTheCertificateOnLaterStarts() throws Exception {
        Path folder = TestFolders.fresh("tls-reuse");
        DataFolder.createPrivateDirectories(folder);
        TlsCertificates.TlsFiles first = TlsCertificates.prepare("", "", folder, Clock.systemUTC());
        byte[] before = Files.readAllBytes(first.certificate());
        TlsCertificates.prepare("", "", folder, Clock.systemUTC());
        assertThat(Files.readAllBytes(first.certificate())).isEqualTo(before);
    }

    @Test
    void renewsASelfSignedCertificateCloseToExpiry() throws Exception {
        Path folder = TestFolders.fresh("tls-renew");
        DataFolder.createPrivateDirectories(folder);
        TlsCertificates.TlsFiles files = TlsCertificates.prepare("", "", folder, Clock.systemUTC());
        X509Certificate old = read(files.certificate());
        Instant later = Instant.now().plus(TlsCertificates.SELF_SIGNED_VALIDITY).minus(Duration.ofDays(10));
        TlsCertificates.prepare("", "", folder, Clock.fixed(later, ZoneOffset.UTC));
        assertThat(read(files.certificate()).getSerialNumber()).isNotEqualTo(old.getSerialNumber());
    }

    private static X509Certificate read(Path file) throws Exception {
        try (InputStream in = Files.newInputStream(file)) {
            return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
        }
    }
}
