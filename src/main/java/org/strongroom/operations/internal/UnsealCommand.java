package org.strongroom.operations.internal;

import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.TrustManagerFactory;

import org.jspecify.annotations.Nullable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code strongroom unseal}: unseals a running server over HTTPS through its unseal page, as a
 * browser would (session cookie and CSRF token included). Trusts only the server's own
 * certificate file — by default the self-signed one in the data folder — so the passphrase is
 * never sent to anything else. The passphrase or share is read from a file, the terminal or
 * standard input, never from the command line.
 */
@Command(name = "unseal", mixinStandardHelpOptions = true,
        description = {"Unseals a running server (STRONGROOM_KEYS_PROVIDER=passphrase) over HTTPS,",
                "with the passphrase or, with --shares, with shares from 'strongroom keys split'",
                "(one per line; each custodian may run it with their own share)."})
final class UnsealCommand implements Callable<Integer> {

    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\"\\s+value=\"([^\"]+)\"|value=\"([^\"]+)\"\\s+name=\"_csrf\"");
    private static final Pattern PROGRESS = Pattern.compile("data-accepted=\"(\\d+)\"\\s+data-threshold=\"(\\d+)\"");
    private static final Pattern FIELD_ERROR = Pattern.compile("id=\"(?:passphrase|share)-error\"[^>]*>([^<]*)<");

    @Option(names = "--port", paramLabel = "PORT", description = "The server's HTTPS port (default 8443, or SERVER_PORT).")
    @Nullable Integer port;

    @Option(names = "--host", paramLabel = "HOST", defaultValue = "localhost", description = "The server's host name (default localhost).")
    String host = "localhost";

    @Option(names = "--data-dir", paramLabel = "DIR",
            description = "Data folder whose tls/server.crt to trust (default ./strongroom-data, or STRONGROOM_DATA_DIR).")
    @Nullable String dataDir;

    @Option(names = "--certificate", paramLabel = "FILE", description = "The server's certificate (PEM) to trust instead of the data folder's.")
    @Nullable String certificate;

    @Option(names = "--shares", description = "Give shares instead of the passphrase.")
    boolean shares;

    @Option(names = {"--passphrase-file", "--share-file"}, paramLabel = "FILE",
            description = "A file holding the passphrase (or, with --shares, shares one per line); '-' reads standard input.")
    @Nullable String secretFile;

    private final PrintWriter out;
    private final PrintWriter err;
    private final InputStream in;
    private final @Nullable Console console;

    UnsealCommand(PrintWriter out, PrintWriter err, InputStream in, @Nullable Console console) {
        this.out = out;
        this.err = err;
        this.in = in;
        this.console = console;
    }

    @Override
    public Integer call() {
        int effectivePort;
        try {
            effectivePort = port != null ? port : Integer.parseInt(System.getenv().getOrDefault("SERVER_PORT", "8443").strip());
        } catch (NumberFormatException e) {
            err.println("strongroom: SERVER_PORT is not a port number; give --port.");
            return CommandLines.USAGE;
        }
        if (effectivePort < 1 || effectivePort > 65535) {
            err.println("strongroom: --port must be between 1 and 65535, not " + effectivePort + ".");
            return CommandLines.USAGE;
        }
        Path trusted = certificate != null ? Path.of(certificate)
                : Path.of(dataDir != null ? dataDir : System.getenv().getOrDefault("STRONGROOM_DATA_DIR", DataFolder.DEFAULT))
                        .resolve("tls").resolve("server.crt");
        try {
            Session session = new Session(URI.create("https://" + host + ":" + effectivePort + "/unseal"), trusting(trusted));
            if (!shares) {
                char[] passphrase = PassphraseInput.read(secretFile, false, in, console);
                try {
                    return report(session.post("passphrase", new String(passphrase)));
                } finally {
                    Arrays.fill(passphrase, '\0');
                }
            }
            for (String share : readShares()) {
                int code = report(session.post("share", share));
                if (code != 0 || session.unsealed) {
                    return code;
                }
            }
            return 0;
        } catch (StartupProblem problem) {
            err.println("strongroom: " + CommandLines.oneLine(problem.getMessage()) + ".");
            return CommandLines.FAILED;
        }
    }

    private List<String> readShares() {
        if (secretFile == null && console != null) {
            char[] share = console.readPassword("Share: ");
            if (share == null) {
                throw new StartupProblem("no share was typed.");
            }
            return List.of(new String(share));
        }
        List<String> lines = new ArrayList<>();
        try (BufferedReader reader = secretFile == null || "-".equals(secretFile)
                ? new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))
                : Files.newBufferedReader(Path.of(secretFile), StandardCharsets.UTF_8)) {
            for (String line = reader.readLine(); line != null && lines.size() < 255; line = reader.readLine()) {
                if (!line.isBlank()) {
                    lines.add(line.strip());
                }
            }
        } catch (NoSuchFileException e) {
            throw new StartupProblem("the share file " + secretFile + " does not exist.");
        } catch (IOException e) {
            throw new StartupProblem("cannot read the shares (" + DataFolder.reason(e) + ").");
        }
        if (lines.isEmpty()) {
            throw new StartupProblem("no share was given.");
        }
        return lines;
    }

    private int report(Answer answer) {
        switch (answer.status()) {
            case 302 -> {
                out.println("The server is unsealed.");
                return 0;
            }
            case 200 -> {
                Matcher progress = PROGRESS.matcher(answer.body());
                out.println(progress.find() ? "Share accepted: " + progress.group(1) + " of " + progress.group(2) + " shares given."
                        : "Share accepted.");
                return 0;
            }
            case 422 -> {
                Matcher error = FIELD_ERROR.matcher(answer.body());
                err.println("strongroom: refused: " + (error.find() ? unescape(error.group(1).strip()) : "the server did not accept it."));
                return CommandLines.FAILED;
            }
            case 429 -> {
                err.println("strongroom: refused: too many wrong attempts; wait " + answer.retryAfter() + " seconds, then try again.");
                return CommandLines.FAILED;
            }
            default -> {
                err.println("strongroom: the server answered HTTP " + answer.status() + " to the unseal request; is it a Strongroom server"
                        + " with STRONGROOM_KEYS_PROVIDER=passphrase?");
                return CommandLines.FAILED;
            }
        }
    }

    static String unescape(String html) {
        return html.replace("&quot;", "\"").replace("&#39;", "'").replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&");
    }

    static SSLContext trusting(Path certificate) {
        try (InputStream pem = Files.newInputStream(certificate)) {
            X509Certificate cert = (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(pem);
            KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
            trust.load(null, null);
            trust.setCertificateEntry("server", cert);
            TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            factory.init(trust);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, factory.getTrustManagers(), null);
            return context;
        } catch (NoSuchFileException e) {
            throw new StartupProblem("the server certificate " + certificate + " does not exist. Point --data-dir at the"
                    + " server's data folder, or --certificate at its certificate.");
        } catch (IOException | java.security.GeneralSecurityException e) {
            throw new StartupProblem("cannot read the server certificate " + certificate + " (" + e.getClass().getSimpleName() + ").");
        }
    }

    private record Answer(int status, String body, String retryAfter) {
    }

    /** One browser-like session with the unseal page: cookie and CSRF token from a GET, then POSTs. */
    private static final class Session {

        private final URI page;
        private final HttpClient client;
        private final List<String> cookies = new ArrayList<>();
        boolean unsealed;

        Session(URI page, SSLContext ssl) {
            this.page = page;
            this.client = HttpClient.newBuilder().sslContext(ssl).followRedirects(HttpClient.Redirect.NEVER)
                    .connectTimeout(Duration.ofSeconds(10)).build();
        }

        Answer post(String field, String value) {
            HttpResponse<String> form = send(request().GET().build());
            if (form.statusCode() != 200) {
                return new Answer(form.statusCode(), "", "");
            }
            form.headers().allValues("set-cookie").forEach(c -> cookies.add(c.split(";", 2)[0]));
            Matcher token = CSRF.matcher(form.body());
            if (!token.find()) {
                if (form.body().contains("notice-ok")) {
                    unsealed = true;
                    return new Answer(302, "", "");
                }
                return new Answer(form.statusCode(), "", "");
            }
            String csrf = token.group(1) != null ? token.group(1) : token.group(2);
            String body = field + "=" + URLEncoder.encode(value, StandardCharsets.UTF_8) + "&_csrf="
                    + URLEncoder.encode(unescape(csrf), StandardCharsets.UTF_8);
            HttpResponse<String> answer = send(request().header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build());
            answer.headers().allValues("set-cookie").forEach(c -> cookies.add(c.split(";", 2)[0]));
            if (answer.statusCode() == 302) {
                unsealed = true;
            }
            return new Answer(answer.statusCode(), answer.body(), answer.headers().firstValue("retry-after").orElse("?"));
        }

        private HttpRequest.Builder request() {
            HttpRequest.Builder builder = HttpRequest.newBuilder(page).timeout(Duration.ofSeconds(60))
                    .header("Accept", "text/html").header("Accept-Language", "en");
            if (!cookies.isEmpty()) {
                builder.header("Cookie", String.join("; ", cookies));
            }
            return builder;
        }

        private HttpResponse<String> send(HttpRequest request) {
            try {
                return client.send(request, HttpResponse.BodyHandlers.ofString());
            } catch (ConnectException e) {
                throw new StartupProblem("cannot reach the server at " + page + "; is it running on that port?");
            } catch (SSLHandshakeException e) {
                throw new StartupProblem("the server at " + page + " did not present the trusted certificate; check --host,"
                        + " --port and --data-dir or --certificate.");
            } catch (IOException e) {
                throw new StartupProblem("the unseal request to " + page + " failed (" + e.getClass().getSimpleName() + ").");
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new StartupProblem("interrupted while waiting for the server.");
            }
        }
    }
}
