package org.strongroom.operations.internal;

import java.io.IOException;
import java.io.Reader;
import java.io.StringWriter;
import java.math.BigInteger;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.channels.FileChannel;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.pkcs.PKCS8EncryptedPrivateKeyInfo;
import org.bouncycastle.openssl.PEMEncryptedKeyPair;

/**
 * The server's TLS certificate. Either the operator's own PEM certificate chain and private key
 * (checked at start: readable, parseable and belonging together), or a self-signed ECDSA P-256
 * certificate for localhost, this host name and 127.0.0.1/::1, made on the first start into the
 * data folder and reused until it is close to expiry.
 */
final class TlsCertificates {

    static final Duration SELF_SIGNED_VALIDITY = Duration.ofDays(397);
    static final Duration RENEW_BEFORE = Duration.ofDays(30);

    record TlsFiles(Path certificate, Path privateKey) {
    }

    private TlsCertificates() {
    }

    static TlsFiles prepare(String certificate, String privateKey, Path dataFolder, Clock clock) {
        boolean hasCert = certificate != null && !certificate.isBlank();
        boolean hasKey = privateKey != null && !privateKey.isBlank();
        if (hasCert != hasKey) {
            throw new StartupProblem("set both STRONGROOM_TLS_CERTIFICATE and STRONGROOM_TLS_PRIVATE_KEY "
                    + "(strongroom.tls.certificate / strongroom.tls.private-key), or neither for a self-signed certificate.");
        }
        if (hasCert) {
            TlsFiles files = new TlsFiles(Path.of(certificate).toAbsolutePath(), Path.of(privateKey).toAbsolutePath());
            checkPair(files);
            return files;
        }
        Path folder = dataFolder.resolve("tls");
        DataFolder.createPrivateDirectories(folder);
        TlsFiles files = new TlsFiles(folder.resolve("server.crt"), folder.resolve("server.key"));
        if (Files.exists(files.certificate()) && Files.exists(files.privateKey())) {
            X509Certificate existing = checkPair(files);
            if (existing.getNotAfter().toInstant().isAfter(clock.instant().plus(RENEW_BEFORE))) {
                return files;
            }
        }
        generateSelfSigned(files, clock);
        return files;
    }

    /** Reads both files and proves the key belongs to the certificate by signing and verifying. */
    static X509Certificate checkPair(TlsFiles files) {
        List<X509Certificate> chain = readCertificates(files.certificate());
        PrivateKey key = readPrivateKey(files.privateKey());
        X509Certificate leaf = chain.get(0);
        try {
            String algorithm = switch (key.getAlgorithm()) {
                case "EC", "ECDSA" -> "SHA256withECDSA";
                case "RSA" -> "SHA256withRSA";
                case "Ed25519", "EdDSA" -> "Ed25519";
                default -> throw new StartupProblem("the TLS private key " + files.privateKey()
                        + " uses " + key.getAlgorithm() + "; use an EC (P-256/P-384) or RSA key.");
            };
            byte[] challenge = new byte[32];
            new SecureRandom().nextBytes(challenge);
            Signature signer = Signature.getInstance(algorithm);
            signer.initSign(key);
            signer.update(challenge);
            byte[] signature = signer.sign();
            Signature verifier = Signature.getInstance(algorithm);
            verifier.initVerify(leaf.getPublicKey());
            verifier.update(challenge);
            if (!verifier.verify(signature)) {
                throw mismatch(files);
            }
        } catch (GeneralSecurityException e) {
            throw mismatch(files);
        }
        return leaf;
    }

    private static StartupProblem mismatch(TlsFiles files) {
        return new StartupProblem("the TLS private key " + files.privateKey() + " does not belong to the certificate "
                + files.certificate() + ". Point STRONGROOM_TLS_PRIVATE_KEY at the key the certificate was issued for.");
    }

    private static List<X509Certificate> readCertificates(Path file) {
        List<X509Certificate> certificates = new ArrayList<>();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.US_ASCII); PEMParser parser = new PEMParser(reader)) {
            JcaX509CertificateConverter converter = new JcaX509CertificateConverter();
            Object item;
            while ((item = parser.readObject()) != null) {
                if (item instanceof X509CertificateHolder holder) {
                    certificates.add(converter.getCertificate(holder));
                }
            }
        } catch (NoSuchFileException e) {
            throw new StartupProblem("the TLS certificate " + file + " does not exist.");
        } catch (AccessDeniedException e) {
            throw new StartupProblem("the TLS certificate " + file + " is not readable by this user.");
        } catch (IOException | GeneralSecurityException | RuntimeException e) {
            throw new StartupProblem("the TLS certificate " + file + " cannot be read as PEM ("
                    + e.getClass().getSimpleName() + ").");
        }
        if (certificates.isEmpty()) {
            throw new StartupProblem("the TLS certificate " + file + " holds no PEM certificate (-----BEGIN CERTIFICATE-----).");
        }
        return certificates;
    }

    private static PrivateKey readPrivateKey(Path file) {
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
                    throw new StartupProblem("the TLS private key " + file + " is encrypted; give Strongroom an "
                            + "unencrypted PEM key readable only by its user (chmod 600).");
                }
            }
        } catch (StartupProblem problem) {
            throw problem;
        } catch (NoSuchFileException e) {
            throw new StartupProblem("the TLS private key " + file + " does not exist.");
        } catch (AccessDeniedException e) {
            throw new StartupProblem("the TLS private key " + file + " is not readable by this user.");
        } catch (IOException | RuntimeException e) {
            throw new StartupProblem("the TLS private key " + file + " cannot be read as PEM ("
                    + e.getClass().getSimpleName() + ").");
        }
        throw new StartupProblem("the TLS private key " + file + " holds no PEM private key.");
    }

    private static void generateSelfSigned(TlsFiles files, Clock clock) {
        try {
            SecureRandom random = new SecureRandom();
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"), random);
            KeyPair pair = generator.generateKeyPair();
            String host = hostName();
            X500Name subject = new X500Name("CN=" + (host == null ? "localhost" : host) + ",O=Strongroom self-signed");
            Instant now = clock.instant();
            JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(subject,
                    new BigInteger(127, random).add(BigInteger.ONE), Date.from(now.minus(Duration.ofHours(1))),
                    Date.from(now.plus(SELF_SIGNED_VALIDITY)), subject, pair.getPublic());
            List<GeneralName> names = new ArrayList<>();
            names.add(new GeneralName(GeneralName.dNSName, "localhost"));
            if (host != null && !host.equalsIgnoreCase("localhost")) {
                names.add(new GeneralName(GeneralName.dNSName, host));
            }
            names.add(new GeneralName(GeneralName.iPAddress, "127.0.0.1"));
            names.add(new GeneralName(GeneralName.iPAddress, "::1"));
            builder.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(names.toArray(GeneralName[]::new)));
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
            builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
            builder.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth));
            X509Certificate certificate = new JcaX509CertificateConverter()
                    .getCertificate(builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(pair.getPrivate())));
            writeAtomically(files.privateKey(), pem(new JcaPKCS8Generator(pair.getPrivate(), null).generate()), true);
            writeAtomically(files.certificate(), pem(certificate), false);
        } catch (GeneralSecurityException | OperatorCreationException | IOException e) {
            throw new StartupProblem("cannot create the self-signed TLS certificate in " + files.certificate().getParent()
                    + " (" + e.getClass().getSimpleName() + ").", e);
        }
    }

    /** A host name usable in a certificate, or null when this machine has none worth naming. */
    private static String hostName() {
        try {
            String name = InetAddress.getLocalHost().getHostName();
            return name != null && name.matches("[A-Za-z0-9]([A-Za-z0-9.-]{0,251}[A-Za-z0-9])?") ? name.toLowerCase() : null;
        } catch (IOException e) {
            return null;
        }
    }

    private static String pem(Object object) throws IOException {
        StringWriter text = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(text)) {
            writer.writeObject(object);
        }
        return text.toString();
    }

    private static void writeAtomically(Path target, String content, boolean secret) throws IOException {
        Path temp = target.resolveSibling(target.getFileName() + ".tmp");
        Files.deleteIfExists(temp);
        Files.createFile(temp, PosixFilePermissions.asFileAttribute(secret ? DataFolder.OWNER_ONLY_FILE
                : PosixFilePermissions.fromString("rw-r--r--")));
        try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
            channel.write(java.nio.ByteBuffer.wrap(content.getBytes(StandardCharsets.US_ASCII)));
            channel.force(true);
        }
        Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }
}
