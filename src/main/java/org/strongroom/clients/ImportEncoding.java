package org.strongroom.clients;

/**
 * How the file's bytes are read. {@link #AUTO}: UTF-8 (with or without a byte-order mark) or
 * UTF-16 with a byte-order mark; anything else is refused. {@link #WINDOWS_1251} only when the
 * person importing says so (single-byte encodings cannot be told apart reliably).
 */
public enum ImportEncoding {
    AUTO, WINDOWS_1251
}
