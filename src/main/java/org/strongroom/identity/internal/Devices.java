package org.strongroom.identity.internal;

import java.util.Locale;

import org.jspecify.annotations.Nullable;

/**
 * A short, coarse summary of a User-Agent header — browser family and operating system, no
 * versions — so people recognise their own devices in the session list without the server
 * keeping a fingerprint. Unrecognised values become {@link #OTHER}.
 */
public final class Devices {

    /** What an unrecognised browser or system is called (the page translates it). */
    public static final String OTHER = "other";

    /** Browser family and operating system, e.g. {@code Firefox} and {@code Linux}. */
    public record Summary(String browser, String platform) {
    }

    private Devices() {
    }

    public static Summary summarise(@Nullable String userAgent) {
        if (userAgent == null || userAgent.isBlank()) {
            return new Summary(OTHER, OTHER);
        }
        String ua = userAgent.length() > 512 ? userAgent.substring(0, 512) : userAgent;
        return new Summary(browser(ua), platform(ua));
    }

    private static String browser(String ua) {
        if (ua.contains("Edg/") || ua.contains("EdgA/") || ua.contains("EdgiOS/")) {
            return "Edge";
        }
        if (ua.contains("OPR/") || ua.contains("Opera")) {
            return "Opera";
        }
        if (ua.contains("Firefox/") || ua.contains("FxiOS/")) {
            return "Firefox";
        }
        if (ua.contains("Chromium/")) {
            return "Chromium";
        }
        if (ua.contains("Chrome/") || ua.contains("CriOS/")) {
            // Headless Chromium and Google Chrome say the same; "HeadlessChrome" is test automation.
            return ua.contains("HeadlessChrome/") ? "Chromium" : "Chrome";
        }
        if (ua.contains("Safari/") && ua.contains("Version/")) {
            return "Safari";
        }
        String lower = ua.toLowerCase(Locale.ROOT);
        if (lower.startsWith("curl/") || lower.startsWith("wget/") || lower.startsWith("java-http-client")
                || lower.startsWith("python") || lower.startsWith("okhttp") || lower.startsWith("strongroom")) {
            return "Script";
        }
        return OTHER;
    }

    private static String platform(String ua) {
        if (ua.contains("iPhone") || ua.contains("iPad") || ua.contains("iPod")) {
            return "iOS";
        }
        if (ua.contains("Android")) {
            return "Android";
        }
        if (ua.contains("CrOS")) {
            return "ChromeOS";
        }
        if (ua.contains("Windows")) {
            return "Windows";
        }
        if (ua.contains("Mac OS X") || ua.contains("Macintosh")) {
            return "macOS";
        }
        if (ua.contains("Linux") || ua.contains("X11")) {
            return "Linux";
        }
        return OTHER;
    }
}
