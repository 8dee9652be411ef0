package org.strongroom.clients;

import java.util.Locale;
import java.util.Optional;

/** The kind of file to import; {@link #AUTO} tells vCard from CSV by content and recognises Google and Outlook headers. */
public enum ImportFormat {
    AUTO, CSV, VCARD, GOOGLE, OUTLOOK;

    /** The lower-case code used in forms, the command line and the report ({@code csv}, {@code google}, …). */
    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<ImportFormat> fromCode(String code) {
        for (ImportFormat f : values()) {
            if (f.code().equals(code == null ? "" : code.strip().toLowerCase(Locale.ROOT))) {
                return Optional.of(f);
            }
        }
        return Optional.empty();
    }
}
