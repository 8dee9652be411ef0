package org.strongroom.crypto.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.channels.SeekableByteChannel;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.Objects;
import java.util.UUID;
import java.util.function.Function;

import org.jspecify.annotations.Nullable;
import org.strongroom.crypto.CryptoFailure;
import org.strongroom.crypto.DecryptionFailed;
import org.strongroom.crypto.DocumentContext;
import org.strongroom.crypto.DocumentStreams;

import com.google.crypto.tink.StreamingAead;

/**
 * Document streams with the client's AES-256-GCM-HKDF streaming keyset (Tink, 1 MiB segments).
 * Associated data: {@link DocumentContext#associatedData(UUID)}, which names the client, the
 * document and its version.
 *
 * <p>Ciphertext layout (Tink's streaming format): a {@value #HEADER_LENGTH}-byte header (its own
 * length, a 32-byte salt from which the segment key is derived, a 7-byte nonce prefix), then
 * segments of {@value #CIPHERTEXT_SEGMENT_SIZE} bytes, each ending in a {@value #TAG_LENGTH}-byte
 * GCM tag. The first segment is shorter by the header; the last may be shorter and is sealed as
 * the last one, so cutting a stream at a segment boundary is detected. The segment number is part
 * of each nonce, so reordered, dropped or duplicated segments fail too.
 *
 * <p>Reading: every segment is authenticated before any of its plaintext is returned, so a reader
 * gets only authentic bytes, but it may get the authentic first segments of a stream that then
 * fails. Two kinds of failure stay apart:
 * <ul>
 *   <li>the source itself threw (a disk or network error): that same exception reaches the
 *       caller, nothing is reported, and the stream is broken for good (a source that failed once
 *       is not trusted to resume where it stopped);</li>
 *   <li>anything else — a bad tag, truncation, reordering, a wrong key or context, an unreadable
 *       header — is reported once as {@code document.decrypt} and thrown as
 *       {@link DecryptionFailed}, on that read and on every later one.</li>
 * </ul>
 * A failure is attributed to the source only if the source really threw, so a tampered stream
 * cannot pass itself off as an I/O error.
 *
 * <p>Memory: neither direction holds more than a segment or two, whatever the document's size.
 * Encrypting holds Tink's two 1 MiB segment buffers; decrypting the same, plus up to 1 MiB to
 * rewind the first segment while Tink picks the key of the keyset, dropped once it has.
 */
final class TinkDocumentStreams implements DocumentStreams {

    static final int HEADER_LENGTH = 40;
    static final int TAG_LENGTH = 16;
    static final int CIPHERTEXT_SEGMENT_SIZE = 1 << 20;
    /** The shortest possible ciphertext: the header and the tag of an empty last segment. */
    static final int MINIMUM_CIPHERTEXT_LENGTH = HEADER_LENGTH + TAG_LENGTH;

    private final Function<UUID, StreamingAead> documentKeys;
    private final CryptoFailures failures;

    TinkDocumentStreams(TinkClientKeys keys, CryptoFailures failures) {
        this(clientId -> keys.material(clientId).documents(), failures);
    }

    /** With the client's streaming primitive from {@code documentKeys} (tests give a fixed keyset). */
    TinkDocumentStreams(Function<UUID, StreamingAead> documentKeys, CryptoFailures failures) {
        this.documentKeys = documentKeys;
        this.failures = failures;
    }

    @Override
    public OutputStream encrypting(UUID clientId, DocumentContext context, OutputStream sink) {
        check(clientId, context, sink, "sink");
        StreamingAead aead = documentKeys.apply(clientId);
        try {
            return aead.newEncryptingStream(sink, context.associatedData(clientId));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("document encryption could not start", e);
        } catch (IOException e) {
            throw new UncheckedIOException("could not write the document header to the sink", e);
        }
    }

    @Override
    public InputStream decrypting(UUID clientId, DocumentContext context, InputStream source) {
        check(clientId, context, source, "source");
        StreamingAead aead = documentKeys.apply(clientId);
        WatchedSource watched = new WatchedSource(source);
        try {
            return new AuthenticatedPlaintext(aead.newDecryptingStream(watched, context.associatedData(clientId)),
                    watched, clientId);
        } catch (GeneralSecurityException | IOException e) {
            // Tink reads nothing before the first read(); should that change, keep the same split.
            IOException sourceFailure = watched.failure();
            if (sourceFailure != null) {
                throw new UncheckedIOException("could not read the document source", sourceFailure);
            }
            failures.report(new CryptoFailure("document.decrypt", clientId, watched.reason()));
            throw new DecryptionFailed();
        }
    }

    @Override
    public InputStream decrypting(UUID clientId, DocumentContext context, SeekableByteChannel source, long position) {
        check(clientId, context, source, "source");
        if (position < 0) {
            throw new IllegalArgumentException("position must not be negative");
        }
        StreamingAead aead = documentKeys.apply(clientId);
        WatchedChannel watched = new WatchedChannel(source);
        try {
            SeekableByteChannel plaintext = aead.newSeekableDecryptingChannel(watched, context.associatedData(clientId));
            return new SeekablePlaintext(plaintext, watched, clientId, position);
        } catch (GeneralSecurityException | IOException e) {
            IOException sourceFailure = watched.failure;
            if (sourceFailure != null) {
                throw new UncheckedIOException("could not read the document source", sourceFailure);
            }
            failures.report(new CryptoFailure("document.decrypt", clientId, "authentication_failed"));
            throw new DecryptionFailed();
        }
    }

    @Override
    public long plaintextLength(long ciphertextLength) {
        if (ciphertextLength < MINIMUM_CIPHERTEXT_LENGTH) {
            throw new IllegalArgumentException("shorter than any document stream");
        }
        // The header and the segments are laid out in slices of one segment size (the first segment
        // is shorter by the header; the last may be shorter); every segment ends in its tag.
        long segments = (ciphertextLength + CIPHERTEXT_SEGMENT_SIZE - 1) / CIPHERTEXT_SEGMENT_SIZE;
        return ciphertextLength - HEADER_LENGTH - segments * TAG_LENGTH;
    }

    private static void check(UUID clientId, DocumentContext context, Object stream, String name) {
        if (clientId == null || context == null || stream == null) {
            throw new IllegalArgumentException("clientId, context and " + name + " must not be null");
        }
    }

    /** The plaintext side: turns Tink's IOExceptions into the one opaque failure, or the source's own. */
    private final class AuthenticatedPlaintext extends InputStream {

        private final InputStream plaintext;
        private final WatchedSource source;
        private final UUID clientId;
        private boolean failed;

        AuthenticatedPlaintext(InputStream plaintext, WatchedSource source, UUID clientId) {
            this.plaintext = plaintext;
            this.source = source;
            this.clientId = clientId;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            int read = read(one, 0, 1);
            return read == 1 ? one[0] & 0xff : -1;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            Objects.checkFromIndexSize(offset, length, buffer.length);
            if (length == 0) {
                return 0;
            }
            return checked(() -> plaintext.read(buffer, offset, length));
        }

        @Override
        public int available() throws IOException {
            return checked(plaintext::available);
        }

        @Override
        public void close() throws IOException {
            plaintext.close();
        }

        private int checked(IoCall call) throws IOException {
            throwIfBroken();
            int result;
            try {
                result = call.run();
            } catch (IOException | RuntimeException e) {
                throwIfBroken();
                failed = true;
                failures.report(new CryptoFailure("document.decrypt", clientId, source.reason()));
                throw new DecryptionFailed();
            }
            // Tink swallows a source failure while it tries the keyset's keys one by one.
            throwIfBroken();
            return result;
        }

        private void throwIfBroken() throws IOException {
            IOException sourceFailure = source.failure();
            if (sourceFailure != null) {
                throw sourceFailure;
            }
            RuntimeException sourceRuntimeFailure = source.runtimeFailure();
            if (sourceRuntimeFailure != null) {
                throw sourceRuntimeFailure;
            }
            if (failed) {
                throw new DecryptionFailed();
            }
        }
    }

    /** Plaintext read through Tink's seekable channel, with the same two kinds of failure kept apart. */
    private final class SeekablePlaintext extends InputStream {

        private final SeekableByteChannel plaintext;
        private final WatchedChannel source;
        private final UUID clientId;
        private final long start;
        private boolean positioned;
        private boolean failed;

        SeekablePlaintext(SeekableByteChannel plaintext, WatchedChannel source, UUID clientId, long start) {
            this.plaintext = plaintext;
            this.source = source;
            this.clientId = clientId;
            this.start = start;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            int read = read(one, 0, 1);
            return read == 1 ? one[0] & 0xff : -1;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            Objects.checkFromIndexSize(offset, length, buffer.length);
            if (length == 0) {
                return 0;
            }
            throwIfBroken();
            try {
                if (!positioned) {
                    plaintext.position(start);
                    positioned = true;
                }
                java.nio.ByteBuffer target = java.nio.ByteBuffer.wrap(buffer, offset, length);
                int read;
                do {
                    read = plaintext.read(target);
                } while (read == 0);
                throwIfBroken();
                return read;
            } catch (IOException | RuntimeException e) {
                throwIfBroken();
                failed = true;
                failures.report(new CryptoFailure("document.decrypt", clientId, "authentication_failed"));
                throw new DecryptionFailed();
            }
        }

        @Override
        public void close() throws IOException {
            plaintext.close();
            source.close();
        }

        private void throwIfBroken() throws IOException {
            if (source.failure != null) {
                throw source.failure;
            }
            if (failed) {
                throw new DecryptionFailed();
            }
        }
    }

    /** The ciphertext channel, remembering whether it threw. */
    private static final class WatchedChannel implements SeekableByteChannel {

        private final SeekableByteChannel channel;
        private @Nullable IOException failure;

        WatchedChannel(SeekableByteChannel channel) {
            this.channel = channel;
        }

        @Override
        public int read(java.nio.ByteBuffer dst) throws IOException {
            try {
                return channel.read(dst);
            } catch (IOException e) {
                if (failure == null) {
                    failure = e;
                }
                throw e;
            }
        }

        @Override
        public int write(java.nio.ByteBuffer src) throws IOException {
            throw new java.nio.channels.NonWritableChannelException();
        }

        @Override
        public long position() throws IOException {
            return channel.position();
        }

        @Override
        public SeekableByteChannel position(long newPosition) throws IOException {
            try {
                channel.position(newPosition);
                return this;
            } catch (IOException e) {
                if (failure == null) {
                    failure = e;
                }
                throw e;
            }
        }

        @Override
        public long size() throws IOException {
            try {
                return channel.size();
            } catch (IOException e) {
                if (failure == null) {
                    failure = e;
                }
                throw e;
            }
        }

        @Override
        public SeekableByteChannel truncate(long size) {
            throw new java.nio.channels.NonWritableChannelException();
        }

        @Override
        public boolean isOpen() {
            return channel.isOpen();
        }

        @Override
        public void close() throws IOException {
            channel.close();
        }
    }

    @FunctionalInterface
    private interface IoCall {
        int run() throws IOException;
    }

    /**
     * The ciphertext source, remembering whether it threw and how much it gave, with a rewind
     * buffer bounded to what Tink needs to pick the key.
     *
     * <p>Tink tries the keys of a keyset one after the other on the header and the first segment,
     * rewinding the source between tries: it marks the source first and marks it again with a
     * zero limit once a key matched. Without mark support here it would wrap the source in a
     * {@link java.io.BufferedInputStream} that grows to 2 MiB and keeps that size for the life of
     * the stream. Here the rewind buffer holds at most {@value #REWIND_LIMIT} bytes — the header,
     * the first segment and the one byte Tink reads ahead — and is dropped once a key matched.
     * This is enough because every key of a client's streaming keyset has 1 MiB segments
     * ({@link TinkClientKeys#STREAM_KEY}); a longer rewind fails, which reads as a failed
     * decryption, never as wrong plaintext.
     */
    private static final class WatchedSource extends InputStream {

        static final int REWIND_LIMIT = CIPHERTEXT_SEGMENT_SIZE + 1;

        private final InputStream source;
        private long delivered;
        private boolean ended;
        private @Nullable IOException failure;
        private @Nullable RuntimeException runtimeFailure;

        /** Bytes read since the mark (while marked), or not yet replayed after a reset. */
        private byte @Nullable [] kept;
        private int keptLength;
        private int replayed;
        private boolean marked;

        WatchedSource(InputStream source) {
            this.source = source;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            int read = read(one, 0, 1);
            if (read == 0) {
                throw new IOException("the document source returned no byte");
            }
            return read < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            Objects.checkFromIndexSize(offset, length, buffer.length);
            if (length == 0) {
                return 0;
            }
            if (kept != null && replayed < keptLength) {
                int n = Math.min(length, keptLength - replayed);
                System.arraycopy(kept, replayed, buffer, offset, n);
                replayed += n;
                if (!marked && replayed == keptLength) {
                    forgetKept();
                }
                return n;
            }
            int read = watch(() -> source.read(buffer, offset, length));
            if (read < 0) {
                ended = true;
                return read;
            }
            delivered += read;
            if (marked) {
                keep(buffer, offset, read);
            }
            return read;
        }

        @Override
        public int available() throws IOException {
            int unreplayed = kept == null ? 0 : keptLength - replayed;
            return unreplayed > 0 ? unreplayed : watch(source::available);
        }

        @Override
        public void close() throws IOException {
            forgetKept();
            marked = false;
            source.close();
        }

        @Override
        public boolean markSupported() {
            return true;
        }

        @Override
        public void mark(int readLimit) {
            if (kept != null && replayed < keptLength) {
                kept = Arrays.copyOfRange(kept, replayed, keptLength);
                keptLength = kept.length;
                replayed = 0;
            } else {
                forgetKept();
            }
            marked = readLimit > 0;
        }

        @Override
        public void reset() throws IOException {
            if (!marked) {
                throw new IOException("the document source cannot be rewound this far");
            }
            replayed = 0;
        }

        private void keep(byte[] buffer, int offset, int length) {
            int needed = keptLength + length;
            if (needed > REWIND_LIMIT) {
                marked = false;
                forgetKept();
                return;
            }
            if (kept == null || kept.length < needed) {
                int capacity = kept == null ? 8192 : kept.length;
                while (capacity < needed) {
                    capacity *= 2;
                }
                kept = Arrays.copyOf(kept == null ? new byte[0] : kept, Math.min(capacity, REWIND_LIMIT));
            }
            System.arraycopy(buffer, offset, kept, keptLength, length);
            keptLength = needed;
            replayed = needed;
        }

        private void forgetKept() {
            kept = null;
            keptLength = 0;
            replayed = 0;
        }

        private int watch(IoCall call) throws IOException {
            try {
                return call.run();
            } catch (IOException e) {
                if (failure == null) {
                    failure = e;
                }
                throw e;
            } catch (RuntimeException e) {
                if (runtimeFailure == null) {
                    runtimeFailure = e;
                }
                throw e;
            }
        }

        @Nullable IOException failure() {
            return failure;
        }

        @Nullable RuntimeException runtimeFailure() {
            return runtimeFailure;
        }

        /** {@code malformed} when the whole source was shorter than any ciphertext can be. */
        String reason() {
            return ended && delivered < MINIMUM_CIPHERTEXT_LENGTH ? "malformed" : "authentication_failed";
        }
    }
}
