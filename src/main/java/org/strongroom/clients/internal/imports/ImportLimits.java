package org.strongroom.clients.internal.imports;

/**
 * The limits every import file is held to. A file over one of them is refused as a whole before
 * anything is written; the numbers are generous for contact lists and small enough that a hostile
 * file cannot exhaust the server's memory.
 */
public final class ImportLimits {

    /** The largest file accepted (50 MiB). */
    public static final int MAX_BYTES = 50 * 1024 * 1024;
    /** The most data rows (or vCards) in one file. */
    public static final int MAX_ROWS = 200_000;
    /** The most columns in a CSV file. */
    public static final int MAX_COLUMNS = 200;
    /** The longest CSV record or vCard property (after unfolding), in characters (64 KiB). */
    public static final int MAX_LINE = 64 * 1024;
    /** The longest ignored binary vCard property (a PHOTO, LOGO, SOUND or KEY), in characters. */
    public static final int MAX_BINARY_PROPERTY = 2 * 1024 * 1024;

    private ImportLimits() {
    }
}
