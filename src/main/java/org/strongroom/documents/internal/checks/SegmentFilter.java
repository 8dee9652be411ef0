package org.strongroom.documents.internal.checks;

import java.io.IOException;
import java.io.InputStream;

/**
 * A streaming rewrite of a segmented format: subclasses parse one unit at a time in
 * {@link #step()}, emitting small headers with {@link #emit} and then passing a segment's body
 * through ({@link #pass}) or dropping it ({@link #drop}); nothing larger than a header is held.
 * A structure that ends early or does not parse is {@code documents.upload.badImage}.
 */
abstract class SegmentFilter extends InputStream {

    static final String BAD_IMAGE = "documents.upload.badImage";

    private final InputStream in;
    private final byte[] pending = new byte[64];
    private int pendingStart;
    private int pendingEnd;
    private long segmentRemaining;
    private boolean segmentKept;
    private boolean passThrough;
    private boolean ended;
    private final byte[] skip = new byte[8192];

    SegmentFilter(InputStream in) {
        this.in = in;
    }

    /** Parses the next unit; must emit, start a segment, pass through or end. */
    abstract void step() throws IOException;

    /** Bytes of a segment's body as they go by (kept or dropped). */
    void segmentBytes(byte[] b, int off, int len) {
    }

    /** Called when a segment's body was fully read. */
    void segmentDone() throws IOException {
    }

    final void emit(byte[] b, int off, int len) {
        if (pendingEnd + len > pending.length) {
            throw new IllegalStateException("header too long");
        }
        System.arraycopy(b, off, pending, pendingEnd, len);
        pendingEnd += len;
    }

    final void emit(int... bytes) {
        for (int b : bytes) {
            pending[pendingEnd++] = (byte) b;
        }
    }

    final void pass(long length) {
        segmentRemaining = length;
        segmentKept = true;
    }

    final void drop(long length) {
        segmentRemaining = length;
        segmentKept = false;
    }

    /** Everything from here on is copied unchanged. */
    final void passRest() {
        passThrough = true;
    }

    /** Nothing more is emitted; the rest of the input is read and discarded. */
    final void end() {
        ended = true;
    }

    final int readByte() throws IOException {
        int b = in.read();
        if (b < 0) {
            throw new UploadRefused(BAD_IMAGE);
        }
        return b;
    }

    final void readFully(byte[] b, int len) throws IOException {
        int n = in.readNBytes(b, 0, len);
        if (n < len) {
            throw new UploadRefused(BAD_IMAGE);
        }
    }

    @Override
    public final int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xFF;
    }

    @Override
    public final int read(byte[] b, int off, int len) throws IOException {
        if (len == 0) {
            return 0;
        }
        while (true) {
            if (pendingStart < pendingEnd) {
                int n = Math.min(len, pendingEnd - pendingStart);
                System.arraycopy(pending, pendingStart, b, off, n);
                pendingStart += n;
                if (pendingStart == pendingEnd) {
                    pendingStart = 0;
                    pendingEnd = 0;
                }
                return n;
            }
            if (passThrough) {
                return in.read(b, off, len);
            }
            if (segmentRemaining > 0) {
                byte[] target = segmentKept ? b : skip;
                int at = segmentKept ? off : 0;
                int n = in.read(target, at, (int) Math.min(segmentKept ? len : skip.length, segmentRemaining));
                if (n < 0) {
                    throw new UploadRefused(BAD_IMAGE);
                }
                segmentRemaining -= n;
                segmentBytes(target, at, n);
                if (segmentRemaining == 0) {
                    segmentDone();
                }
                if (segmentKept && n > 0) {
                    return n;
                }
                continue;
            }
            if (ended) {
                while (in.read(skip) >= 0) {
                    // trailing bytes are read (so the size limit and the request body see them) and discarded
                }
                return -1;
            }
            step();
        }
    }
}
