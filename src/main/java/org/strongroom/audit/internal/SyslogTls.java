package org.strongroom.audit.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;

import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.openssl.PEMEncryptedKeyPair;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.pkcs.PKCS8EncryptedPrivateKeyInfo;
import org.jspecify.annotations.Nullable;
import org.strongroom.audit.AuditConfigurationProblem;

/**
 * TLS connections to the syslog server: TLS 1.3 or 1.2 only, the server's certificate checked
 * against the configured CA file (or the JVM's trust store) and its name checked against the
 * configured host (RFC 5425 §5.2 via the JDK's RFC 2818 rules: subjectAltName DNS names and IP
 * addresses), and optionally a client certificate for mutual TLS.
 */
final class SyslogTls {

    static final String[] PROTOCOLS = {"TLSv1.3", "TLSv1.2"};

    private final SSLSocketFactory factory;

    private SyslogTls(SSLSocketFactory factory) {
        this.factory = factory;
    }

    /**
     * @param caCertificates PEM file of the CA certificates to trust; null for the JVM's trust store
     * @param clientCertificate PEM certificate chain for mutual TLS, or null
     * @param clientKey unencrypted PEM private key of the client certificate, or null
     * @throws AuditConfigurationProblem naming the setting when a file is missing or unreadable
     */
    static SyslogTls create(@Nullable Path caCertificates, @Nullable Path clientCertificate, @Nullable Path clientKey) {
        if ((clientCertificate == null) != (clientKey == null)) {
            throw new AuditConfigurationProblem("set both STRONGROOM_AUDIT_SYSLOG_CLIENT_CERTIFICATE and "
                    + "STRONGROOM_AUDIT_SYSLOG_CLIENT_KEY for mutual TLS to the syslog server, or neither.");
        }
        try {
            TrustManager[] trust = null;
            if (caCertificates != null) {
                KeyStore store = KeyStore.getInstance("PKCS12");
                store.load(null, null);
                List<Certificate> cas = certificates(caCertificates, "STRONGROOM_AUDIT_SYSLOG_CA_CERTIFICATE");
                for (int i = 0; i < cas.size(); i++) {
                    store.setCertificateEntry("ca-" + i, cas.get(i));
                }
                TrustManagerFactory tmf = TrustManagerFactory.getInstance("PKIX");
                tmf.init(store);
                trust = tmf.getTrustManagers();
            }
            KeyManager[] keys = null;
            if (clientCertificate != null && clientKey != null) {
                List<Certificate> chain = certificates(clientCertificate, "STRONGROOM_AUDIT_SYSLOG_CLIENT_CERTIFICATE");
                char[] password = new char[0];
                KeyStore store = KeyStore.getInstance("PKCS12");
                store.load(null, null);
                store.setKeyEntry("client", privateKey(clientKey), password, chain.toArray(Certificate[]::new));
                KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
                kmf.init(store, password);
                keys = kmf.getKeyManagers();
            }
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keys, trust, null);
            return new SyslogTls(context.getSocketFactory());
        } catch (GeneralSecurityException | IOException e) {
            throw new AuditConfigurationProblem("cannot set up TLS to the syslog server (" + e.getClass().getSimpleName()
                    + "). Check the STRONGROOM_AUDIT_SYSLOG_* certificate and key files.", e);
        }
    }

    /**
     * Connects, then completes the handshake, within {@code timeout} each. The returned socket has
     * {@code timeout} as its read timeout.
     */
    SSLSocket connect(String host, int port, Duration timeout) throws IOException {
        int millis = (int) Math.min(Integer.MAX_VALUE, timeout.toMillis());
        Socket plain = new Socket();
        try {
            plain.connect(new InetSocketAddress(host, port), millis);
            plain.setSoTimeout(millis);
            plain.setKeepAlive(true);
            SSLSocket socket = (SSLSocket) factory.createSocket(plain, host, port, true);
            SSLParameters parameters = socket.getSSLParameters();
            parameters.setProtocols(PROTOCOLS);
            // The JDK's RFC 2818 name check: subjectAltName DNS names (wildcards in the left-most
            // label only) or, for an address, an IP address entry.
            parameters.setEndpointIdentificationAlgorithm("HTTPS");
            socket.setSSLParameters(parameters);
            socket.startHandshake();
            return socket;
        } catch (IOException | RuntimeException e) {
            plain.close();
            throw e;
        }
    }

    private static List<Certificate> certificates(Path file, String variable) throws IOException, GeneralSecurityException {
        try (InputStream in = Files.newInputStream(file)) {
            List<Certificate> list = new ArrayList<>(CertificateFactory.getInstance("X.509").generateCertificates(in));
            if (list.isEmpty()) {
                throw new AuditConfigurationProblem("the file " + file + " (" + variable + ") holds no PEM certificate.");
            }
            return list;
        } catch (NoSuchFileException e) {
            throw new AuditConfigurationProblem("the file " + file + " (" + variable + ") does not exist.");
        }
    }

    private static PrivateKey privateKey(Path file) throws IOException {
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.US_ASCII); PEMParser parser = new PEMParser(reader)) {
            JcaPEMKeyConverter converter = new JcaPEMKeyConverter();
            Object item;
            while ((item = parser.readObject()) != null) {
                if (item instanceof PEMKeyPair pair) {
                    return converter.getKeyPair(pair).getPrivate();
                }
                if (item instanceof PrivateKeyInfo info) {
                    return converter.getPrivateKey(info);
                }
                if (item instanceof PKCS8EncryptedPrivateKeyInfo || item instanceof PEMEncryptedKeyPair) {
                    throw new AuditConfigurationProblem("the syslog client key " + file
                            + " is encrypted; give Strongroom an unencrypted PEM key readable only by its user (chmod 600).");
                }
            }
        } catch (NoSuchFileException e) {
            throw new AuditConfigurationProblem("the syslog client key " + file + " (STRONGROOM_AUDIT_SYSLOG_CLIENT_KEY) does not exist.");
        }
        throw new AuditConfigurationProblem("the syslog client key " + file + " holds no PEM private key.");
    }
}
