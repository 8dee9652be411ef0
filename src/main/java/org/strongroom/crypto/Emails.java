package org.strongroom.crypto;

import java.net.IDN;
import java.util.Locale;
import java.util.Optional;

/**
 * Email addresses in the one form that is stored, compared and blind-indexed: trimmed, lower-case,
 * the domain in its ASCII (punycode) form. Pure functions, no I/O.
 *
 * <p>Only addresses of the usual shape are accepted: one {@code @}; a local part of at most 64
 * ASCII characters from RFC 5322's dot-atom (no quoted strings, comments or IP-literal domains,
 * which real client addresses do not use and which would make equal addresses look unequal);
 * a domain of dot-separated letter-digit-hyphen labels with a top-level label of letters,
 * internationalised domains allowed. Lower-casing the local part is not strictly RFC 5321, but
 * no mail provider a client would use treats case there as significant, and a search that
 * missed "Olena@…" for "olena@…" would be worse.
 */
public final class Emails {

    /** The longest address that fits in an SMTP path (RFC 5321: 256 octets less the brackets). */
    public static final int MAX_LENGTH = 254;

    private static final String ATEXT_EXTRA = "!#$%&'*+/=?^_`{|}~-";

    private Emails() {
    }

    /** The normalised address, or empty when the text is not a valid address. */
    public static Optional<String> normalise(String text) {
        if (text == null || text.length() > 4 * MAX_LENGTH) {
            return Optional.empty();
        }
        String trimmed = text.strip();
        int at = trimmed.lastIndexOf('@');
        if (at <= 0 || at != trimmed.indexOf('@') || at == trimmed.length() - 1) {
            return Optional.empty();
        }
        String local = trimmed.substring(0, at).toLowerCase(Locale.ROOT);
        if (!isDotAtom(local)) {
            return Optional.empty();
        }
        String domain;
        try {
            domain = IDN.toASCII(trimmed.substring(at + 1), 0).toLowerCase(Locale.ROOT);
        } catch (IllegalArgumentException notADomain) {
            return Optional.empty();
        }
        if (!isHostName(domain)) {
            return Optional.empty();
        }
        String address = local + "@" + domain;
        return address.length() <= MAX_LENGTH ? Optional.of(address) : Optional.empty();
    }

    /** Whether the text is a valid address (in any case, with surrounding spaces). */
    public static boolean isValid(String text) {
        return normalise(text).isPresent();
    }

    private static boolean isDotAtom(String local) {
        if (local.isEmpty() || local.length() > 64 || local.startsWith(".") || local.endsWith(".") || local.contains("..")) {
            return false;
        }
        for (int i = 0; i < local.length(); i++) {
            char c = local.charAt(i);
            boolean ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || ATEXT_EXTRA.indexOf(c) >= 0;
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    private static boolean isHostName(String domain) {
        if (domain.isEmpty() || domain.length() > 253) {
            return false;
        }
        String[] labels = domain.split("\\.", -1);
        if (labels.length < 2) {
            return false;
        }
        for (String label : labels) {
            if (label.isEmpty() || label.length() > 63 || label.startsWith("-") || label.endsWith("-")) {
                return false;
            }
            for (int i = 0; i < label.length(); i++) {
                char c = label.charAt(i);
                if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-')) {
                    return false;
                }
            }
        }
        String top = labels[labels.length - 1];
        return top.length() >= 2 && (top.chars().allMatch(c -> c >= 'a' && c <= 'z') || top.startsWith("xn--"));
    }
}
