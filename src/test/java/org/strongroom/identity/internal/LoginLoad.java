package org.strongroom.identity.internal;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import org.strongroom.testing.HttpsClient;

/**
 * Drives password sign-ins against a running server over HTTPS (run by {@code bench/login-load.sh}).
 * Each virtual user keeps one connection and repeats: fetch the sign-in page (new session, CSRF
 * token), post email and password, expect the redirect to the second-factor stage. For each
 * concurrency level it reports sign-ins per second and the latency of the whole sign-in (both
 * requests) at p50, p95 and p99, and — when given the server's process id — the server's CPU time
 * per sign-in (user + system, from /proc), which, unlike latency, does not depend on how many other
 * programs share the machine: two idle cores sustain at most 2 s ÷ (CPU time per sign-in).
 * <p>
 * Arguments: base URL, certificate file, email, password, comma-separated concurrency levels,
 * seconds per level, warm-up seconds, optionally the server's process id.
 */
public final class LoginLoad {

    private LoginLoad() {
    }

    public static void main(String[] args) throws Exception {
        String base = args[0];
        Path certificate = Path.of(args[1]);
        String email = args[2];
        String password = args[3];
        int[] levels = Arrays.stream(args[4].split(",")).mapToInt(Integer::parseInt).toArray();
        int seconds = Integer.parseInt(args[5]);
        int warmUp = Integer.parseInt(args[6]);
        String serverPid = args.length > 7 ? args[7] : null;

        System.out.printf(Locale.ROOT, "warm-up: %d s at concurrency 2%n", warmUp);
        run(base, certificate, email, password, 2, warmUp);
        System.out.println("| concurrency | sign-ins/s | p50 ms | p95 ms | p99 ms | max ms | failures | server CPU ms per sign-in |");
        System.out.println("|---|---|---|---|---|---|---|---|");
        for (int level : levels) {
            long cpuBefore = cpuMillis(serverPid);
            Result r = run(base, certificate, email, password, level, seconds);
            long cpu = cpuMillis(serverPid) - cpuBefore;
            String perSignIn = serverPid == null || r.millis().isEmpty() ? "–"
                    : String.format(Locale.ROOT, "%.0f", (double) cpu / r.millis().size());
            System.out.printf(Locale.ROOT, "| %d | %.1f | %d | %d | %d | %d | %d | %s |%n", level, r.perSecond(),
                    r.percentile(50), r.percentile(95), r.percentile(99), r.percentile(100), r.failures(), perSignIn);
        }
    }

    /** User + system CPU time of a process so far, in milliseconds (Linux /proc, 100 ticks per second). */
    static long cpuMillis(String pid) throws java.io.IOException {
        if (pid == null) {
            return 0;
        }
        String stat = java.nio.file.Files.readString(Path.of("/proc", pid, "stat"));
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        // After the command name: state is field 3 of the full line, utime 14 and stime 15.
        long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
        return ticks * 10;
    }

    record Result(List<Long> millis, double perSecond, int failures) {
        long percentile(int p) {
            if (millis.isEmpty()) {
                return -1;
            }
            int index = (int) Math.ceil(p / 100.0 * millis.size()) - 1;
            return millis.get(Math.max(0, Math.min(millis.size() - 1, index)));
        }
    }

    static Result run(String base, Path certificate, String email, String password, int users, int seconds) throws Exception {
        long end = System.nanoTime() + Duration.ofSeconds(seconds).toNanos();
        List<Long> latencies = Collections.synchronizedList(new ArrayList<>());
        AtomicInteger failures = new AtomicInteger();
        AtomicLong completed = new AtomicLong();
        CountDownLatch done = new CountDownLatch(users);
        long started = System.nanoTime();
        for (int i = 0; i < users; i++) {
            Thread user = new Thread(() -> {
                HttpClient client = HttpClient.newBuilder()
                        .sslContext(HttpsClient.trusting(certificate))
                        .version(HttpClient.Version.HTTP_1_1)
                        .followRedirects(HttpClient.Redirect.NEVER)
                        .connectTimeout(Duration.ofSeconds(10))
                        .build();
                while (System.nanoTime() < end) {
                    long t0 = System.nanoTime();
                    try {
                        if (signIn(client, base, email, password)) {
                            latencies.add((System.nanoTime() - t0) / 1_000_000);
                            completed.incrementAndGet();
                        } else {
                            failures.incrementAndGet();
                        }
                    } catch (Exception e) {
                        failures.incrementAndGet();
                    }
                }
                done.countDown();
            }, "login-" + i);
            user.start();
        }
        done.await();
        double elapsed = (System.nanoTime() - started) / 1e9;
        List<Long> sorted = new ArrayList<>(latencies);
        Collections.sort(sorted);
        return new Result(sorted, completed.get() / elapsed, failures.get());
    }

    static boolean signIn(HttpClient client, String base, String email, String password) throws Exception {
        HttpResponse<String> page = client.send(HttpRequest.newBuilder(URI.create(base + "/login"))
                .timeout(Duration.ofSeconds(60)).header("Accept", "text/html").GET().build(), HttpResponse.BodyHandlers.ofString());
        String cookie = page.headers().allValues("set-cookie").stream()
                .filter(c -> c.startsWith("__Host-strongroom=")).map(c -> c.split(";", 2)[0]).findFirst().orElse("");
        String csrf = HttpsClient.csrfToken(page.body());
        String form = "email=" + URLEncoder.encode(email, StandardCharsets.UTF_8)
                + "&password=" + URLEncoder.encode(password, StandardCharsets.UTF_8)
                + "&_csrf=" + URLEncoder.encode(csrf, StandardCharsets.UTF_8);
        HttpResponse<Void> posted = client.send(HttpRequest.newBuilder(URI.create(base + "/login"))
                .timeout(Duration.ofSeconds(60))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Cookie", cookie)
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.discarding());
        String location = posted.headers().firstValue("location").orElse("");
        return posted.statusCode() == 302 && location.contains("/mfa/");
    }
}
