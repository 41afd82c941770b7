package dev.tandem.support.server;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.HexFormat;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * A certificate for localhost (and 127.0.0.1) that a test makes for itself with openssl, valid for
 * two days: as PEM files for nginx, as a PKCS #12 key store for the application server, and as the
 * one certificate a client trusts.
 */
public final class TestCertificate {
    public static final String ALIAS = "tandem";
    private final Path dir;
    private final String password;

    private TestCertificate(Path dir, String password) {
        this.dir = dir;
        this.password = password;
    }

    public static TestCertificate make(Path dir) throws IOException, InterruptedException {
        Files.createDirectories(dir);
        byte[] random = new byte[12];
        new SecureRandom().nextBytes(random);
        TestCertificate made = new TestCertificate(dir, HexFormat.of().formatHex(random));
        openssl(dir, "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-subj", "/CN=localhost",
                "-addext", "subjectAltName=DNS:localhost,IP:127.0.0.1",
                "-keyout", made.key().toString(), "-out", made.certificate().toString());
        openssl(dir, "pkcs12", "-export", "-name", ALIAS, "-inkey", made.key().toString(),
                "-in", made.certificate().toString(), "-out", made.keyStore().toString(),
                "-passout", "pass:" + made.password);
        return made;
    }

    private static void openssl(Path dir, String... arguments) throws IOException, InterruptedException {
        List<String> command = new java.util.ArrayList<>(List.of("openssl"));
        command.addAll(List.of(arguments));
        Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(dir.resolve("openssl.log").toFile()).start();
        if (process.waitFor() != 0) {
            throw new IllegalStateException("openssl failed: see " + dir.resolve("openssl.log"));
        }
    }

    public Path certificate() {
        return dir.resolve("cert.pem");
    }

    public Path key() {
        return dir.resolve("key.pem");
    }

    /** PKCS #12, holding the key and certificate under {@link #ALIAS}. */
    public Path keyStore() {
        return dir.resolve("keystore.p12");
    }

    public String password() {
        return password;
    }

    /** A TLS context that trusts this certificate alone. */
    public SSLContext trusting() throws Exception {
        KeyStore trusted = KeyStore.getInstance(KeyStore.getDefaultType());
        trusted.load(null, null);
        try (InputStream pem = Files.newInputStream(certificate())) {
            trusted.setCertificateEntry(ALIAS, (X509Certificate) CertificateFactory.getInstance("X.509")
                    .generateCertificate(pem));
        }
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(trusted);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, trust.getTrustManagers(), null);
        return context;
    }
}
