package org.strongroom.clients;

/** What happens to rows with problems. */
public enum ImportMode {
    /** One bad row and nothing is imported. */
    ALL_OR_NOTHING,
    /** Good rows are imported; bad rows are left out and listed in the report. */
    SKIP_BAD_ROWS
}
