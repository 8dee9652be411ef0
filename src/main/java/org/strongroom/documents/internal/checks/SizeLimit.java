package org.strongroom.documents.internal.checks;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/** Counts what is read and refuses ({@code documents.upload.tooLarge}) the moment the count passes the limit. */
final class SizeLimit extends FilterInputStream {

    static final String TOO_LARGE = "documents.upload.tooLarge";

    private final long limit;
    private long count;

    SizeLimit(InputStream in, long limit) {
        super(in);
        this.limit = limit;
    }

    @Override
    public int read() throws IOException {
        int b = in.read();
        if (b >= 0) {
            counted(1);
        }
        return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        // never ask for more than one byte past the limit: the excess is not read into memory
        int n = in.read(b, off, (int) Math.min(len, Math.max(1, limit - count + 1)));
        if (n > 0) {
            counted(n);
        }
        return n;
    }

    @Override
    public long skip(long n) {
        return 0; // every byte is read, so every byte is counted
    }

    @Override
    public boolean markSupported() {
        return false;
    }

    /** The limit for the message: megabytes (MiB) with at most one decimal, e.g. 100 or 0.5. */
    static java.math.BigDecimal megabytes(long bytes) {
        return java.math.BigDecimal.valueOf(bytes).divide(java.math.BigDecimal.valueOf(1024L * 1024), 1, java.math.RoundingMode.UP)
                .stripTrailingZeros();
    }

    private void counted(int n) {
        count += n;
        if (count > limit) {
            throw new UploadRefused(TOO_LARGE, megabytes(limit));
        }
    }
}
