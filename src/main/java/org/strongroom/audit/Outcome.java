package org.strongroom.audit;

import java.util.Locale;

/** How an audited action ended: an access decision (allowed, denied) or an operation (succeeded, failed). */
public enum Outcome {
    ALLOWED, DENIED, SUCCEEDED, FAILED;

    /** The stored, canonical code ({@code allowed}, {@code denied}, …). */
    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Outcome fromCode(String code) {
        return valueOf(code.toUpperCase(Locale.ROOT));
    }
}
