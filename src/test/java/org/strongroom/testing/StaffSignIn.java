package org.strongroom.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.strongroom.crypto.OneTimeCodes;
import org.strongroom.testing.HttpsClient.Response;

/**
 * Signs a staff member in through the real flow over HTTPS, as a person would: password, then
 * either enrolment of an authenticator app (the first time: the secret is read from the page, as
 * someone typing it into an app would) or a code computed from that secret. Each code is used
 * once, as the server insists; when no fresh time step is left, a recovery code stands in, and
 * new recovery codes are made when they run out.
 */
public final class StaffSignIn {

    private static final Pattern SECRET = Pattern.compile("id=\"totp-secret\"[^>]*>([A-Z2-7]+)<");
    private static final Pattern CODE = Pattern.compile("<code>([a-z0-9]{4}-[a-z0-9]{4}-[a-z0-9]{4}-[a-z0-9]{4})</code>");

    /** One person's authenticator app and unused recovery codes, per server (port) and email. */
    public static final class Authenticator {
        private final byte[] seed;
        private final Deque<String> recoveryCodes = new ArrayDeque<>();
        private long lastStep = Long.MIN_VALUE;

        public Authenticator(byte[] seed) {
            this.seed = seed;
        }

        /** A code for a time step not used before, if the ±1 window has one; else null. */
        public synchronized String freshCode() {
            long now = OneTimeCodes.stepAt(Instant.now());
            long step = Math.max(now - 1, lastStep + 1);
            if (step > now + 1) {
                return null;
            }
            lastStep = step;
            return OneTimeCodes.code(seed, step);
        }

        /** A code, waiting for the next time step if every step in the window was used. */
        public String codeWaitingIfNeeded() {
            String code;
            while ((code = freshCode()) == null) {
                sleep(1000);
            }
            return code;
        }

        public byte[] seed() {
            return seed.clone();
        }

        synchronized String recoveryCode() {
            return recoveryCodes.poll();
        }

        /** Takes the codes from a page that shows new recovery codes (the old ones are void). */
        public synchronized void rememberRecoveryCodes(String html) {
            recoveryCodes.clear();
            Matcher m = CODE.matcher(html);
            while (m.find()) {
                recoveryCodes.add(m.group(1));
            }
        }
    }

    private static final Map<String, Authenticator> APPS = new ConcurrentHashMap<>();

    private StaffSignIn() {
    }

    /** The authenticator this helper enrolled for the person on that server, if any. */
    public static Authenticator authenticator(HttpsClient http, String email) {
        return APPS.get(key(http, email));
    }

    /** Signs in completely; fails the test if any step does not go as a person would expect. */
    public static void signIn(HttpsClient http, String email, String password) {
        Response login = http.submit("/login", "/login", Map.of("email", email, "password", password));
        assertThat(login.status()).as("password step").isEqualTo(302);
        String next = login.header("location");
        assertThat(next).as("after the password").doesNotContain("failed");
        if (next.endsWith("/mfa/enrol")) {
            enrol(http, email);
        } else {
            assertThat(next).endsWith("/mfa/challenge");
            secondFactor(http, email);
        }
    }

    /** Completes a sign-in or a step-up waiting at {@code /mfa/challenge} (with the given query). */
    public static Response secondFactor(HttpsClient http, String email, String query) {
        Authenticator app = APPS.get(key(http, email));
        assertThat(app).as("an authenticator enrolled by this helper for " + email).isNotNull();
        String code = app.freshCode();
        boolean usedRecovery = false;
        if (code == null) {
            code = app.recoveryCode();
            usedRecovery = code != null;
            if (code == null) {
                code = app.codeWaitingIfNeeded();
            }
        }
        Response page = http.get("/mfa/challenge" + query);
        Map<String, String> form = new java.util.LinkedHashMap<>();
        form.put("code", code);
        form.put("_csrf", HttpsClient.csrfToken(page.body()));
        Matcher next = Pattern.compile("name=\"continue\" value=\"([^\"]*)\"").matcher(page.body());
        if (next.find()) {
            form.put("continue", next.group(1).replace("&amp;", "&"));
        }
        Response verified = http.post("/mfa/challenge", form);
        assertThat(verified.status()).as("second factor accepted").isEqualTo(302);
        if (usedRecovery && app.recoveryCodes.isEmpty()) {
            app.rememberRecoveryCodes(http.submit("/account/security", "/account/security/recovery-codes", Map.of()).body());
        }
        return verified;
    }

    private static void secondFactor(HttpsClient http, String email) {
        secondFactor(http, email, "");
    }

    private static void enrol(HttpsClient http, String email) {
        Response page = http.get("/mfa/enrol");
        Matcher m = SECRET.matcher(page.body());
        assertThat(m.find()).as("enrolment page shows the secret").isTrue();
        Authenticator app = new Authenticator(base32(m.group(1)));
        APPS.put(key(http, email), app);
        Response confirmed = http.post("/mfa/enrol", Map.of("code", app.codeWaitingIfNeeded(),
                "_csrf", HttpsClient.csrfToken(page.body())));
        assertThat(confirmed.status()).as("enrolment confirmed").isEqualTo(200);
        app.rememberRecoveryCodes(confirmed.body());
        assertThat(app.recoveryCodes).hasSize(10);
    }

    private static String key(HttpsClient http, String email) {
        return http.base() + " " + email;
    }

    public static byte[] base32(String text) {
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        int buffer = 0;
        int bits = 0;
        for (char c : text.toCharArray()) {
            buffer = (buffer << 5) | alphabet.indexOf(c);
            bits += 5;
            if (bits >= 8) {
                out.write((buffer >> (bits - 8)) & 0xff);
                bits -= 8;
            }
        }
        return out.toByteArray();
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
