package org.strongroom.documents.internal.checks;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** An accepted upload: its bytes pass the size limit, the metadata filter and the scanner as they are read. */
final class CheckedContent implements CheckedUpload {

    private static final Logger log = LoggerFactory.getLogger(CheckedContent.class);

    private final String mediaType;
    private final String fileName;
    private final boolean stripped;
    private final @Nullable ClamdSession scan;
    private final boolean scanRequired;
    private final Counted content;

    CheckedContent(String mediaType, String fileName, InputStream stored, boolean stripped, @Nullable ClamdSession scan,
            boolean scanRequired) {
        this.mediaType = mediaType;
        this.fileName = fileName;
        this.stripped = stripped;
        this.scan = scan;
        this.scanRequired = scanRequired;
        this.content = new Counted(stored);
    }

    @Override
    public String mediaType() {
        return mediaType;
    }

    @Override
    public String fileName() {
        return fileName;
    }

    @Override
    public InputStream content() {
        return content;
    }

    @Override
    public Passed finish() throws IOException {
        if (!content.ended) {
            throw new IllegalStateException("finish() before content() was read to its end");
        }
        if (scan == null) {
            return new Passed(content.size, stripped, false);
        }
        ClamdSession.Verdict verdict = scan.verdict();
        switch (verdict) {
            case CLEAN:
                return new Passed(content.size, stripped, true);
            case INFECTED:
                log.info("upload refused: documents.upload.malware");
                throw new UploadRefused("documents.upload.malware");
            default:
                if (scanRequired) {
                    log.info("upload refused: documents.upload.scannerUnavailable");
                    throw new UploadRefused("documents.upload.scannerUnavailable");
                }
                log.warn("upload stored unscanned: the malware scanner was unavailable and is not required");
                return new Passed(content.size, stripped, false);
        }
    }

    @Override
    public void close() {
        if (scan != null) {
            scan.close();
        }
    }

    /** What leaves: counted, and copied to the scanner on its way. */
    private final class Counted extends FilterInputStream {

        long size;
        boolean ended;

        Counted(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            int n = read(one, 0, 1);
            return n < 0 ? -1 : one[0] & 0xFF;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = in.read(b, off, len);
            if (n < 0) {
                ended = true;
            } else if (n > 0) {
                size += n;
                if (scan != null) {
                    scan.send(b, off, n);
                }
            }
            return n;
        }

        @Override
        public long skip(long n) {
            return 0; // every byte must pass the scanner
        }

        @Override
        public boolean markSupported() {
            return false;
        }
    }
}
