package org.strongroom.identity.internal;

/** Where a page may send someone next: only a local absolute path (no scheme, host or {@code //evil}). */
public final class SafePaths {

    private SafePaths() {
    }

    public static String local(String path) {
        if (path == null || path.isEmpty() || path.length() > 512 || !path.startsWith("/") || path.startsWith("//")
                || path.startsWith("/\\") || path.chars().anyMatch(c -> c < 0x21 || c == '\\' || c == 0x7f)) {
            return "/";
        }
        return path;
    }
}
