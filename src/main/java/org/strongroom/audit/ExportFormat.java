package org.strongroom.audit;

/** How an export of the trail is written. */
public enum ExportFormat {
    /** RFC 4180 CSV, UTF-8, safe to open in a spreadsheet (no cell is read as a formula). */
    CSV,
    /** One JSON object per line. */
    JSON_LINES,
    /**
     * Entries with their MACs and the checkpoints over them, signed with the checkpoint key, that
     * {@code strongroom audit verify --bundle FILE} checks offline.
     */
    SIGNED_BUNDLE
}
