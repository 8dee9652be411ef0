package org.strongroom.clients;

import java.util.Locale;
import java.util.Optional;

/** How an export of clients is written. */
public enum ExportFileFormat {
    /**
     * RFC 4180 CSV in UTF-8 with a byte-order mark (so spreadsheets read Cyrillic correctly), safe
     * to open in a spreadsheet: no cell is read as a formula.
     */
    CSV("csv", "text/csv; charset=UTF-8"),
    /** One JSON document, UTF-8, every string escaped (quotes, controls, U+2028/U+2029). */
    JSON("json", "application/json; charset=UTF-8");

    private final String extension;
    private final String mediaType;

    ExportFileFormat(String extension, String mediaType) {
        this.extension = extension;
        this.mediaType = mediaType;
    }

    public String extension() {
        return extension;
    }

    public String mediaType() {
        return mediaType;
    }

    /** {@code csv} or {@code json}, as forms and query strings name them. */
    public static Optional<ExportFileFormat> fromCode(String code) {
        for (ExportFileFormat format : values()) {
            if (format.extension.equals(code == null ? "" : code.toLowerCase(Locale.ROOT))) {
                return Optional.of(format);
            }
        }
        return Optional.empty();
    }
}
