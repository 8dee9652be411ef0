package org.strongroom.documents;

/**
 * A range of plaintext bytes to read: {@code first} to {@code last} inclusive (HTTP Range
 * semantics, already resolved against the size).
 */
public record ByteRange(long first, long last) {

    public ByteRange {
        if (first < 0 || last < first) {
            throw new IllegalArgumentException("bad range " + first + "-" + last);
        }
    }

    public long length() {
        return last - first + 1;
    }
}
