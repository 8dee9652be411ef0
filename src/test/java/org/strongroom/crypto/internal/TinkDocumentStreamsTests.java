package org.strongroom.crypto.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.UUID;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.strongroom.crypto.CryptoFailure;
import org.strongroom.crypto.DecryptionFailed;
import org.strongroom.crypto.DocumentContext;
import org.strongroom.crypto.DocumentStreams;

import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.RegistryConfiguration;
import com.google.crypto.tink.StreamingAead;
import com.google.crypto.tink.streamingaead.AesGcmHkdfStreamingParameters;
import com.google.crypto.tink.streamingaead.PredefinedStreamingAeadParameters;

/**
 * Document streams against Tink's negative matrix for streaming AEAD, on keysets made here (no
 * Spring, no database): round trips, wrong context and key, every truncation, bit flips,
 * reordered, dropped, duplicated and spliced segments, rotation, and I/O errors kept apart from
 * tampering.
 */
class TinkDocumentStreamsTests {

    static final int SEGMENT = TinkDocumentStreams.CIPHERTEXT_SEGMENT_SIZE;
    static final int HEADER = TinkDocumentStreams.HEADER_LENGTH;
    static final int TAG = TinkDocumentStreams.TAG_LENGTH;
    /** Plaintext in the first segment, which also carries the header. */
    static final int FIRST_PLAINTEXT = SEGMENT - HEADER - TAG;
    /** Plaintext in every later full segment. */
    static final int PLAINTEXT = SEGMENT - TAG;
    /** Odd write and read sizes, so no call lines up with a segment. */
    static final int[] CHUNKS = {1, 4093, 7, 65_537, 300_001};

    static final UUID CLIENT = UUID.fromString("6f1c9a1e-4a7b-4f0e-9d57-2a8a3c1f0b11");
    static final DocumentContext CONTEXT = new DocumentContext(UUID.fromString("0b5e2f43-8c1d-4e8a-b6a2-91d7f3c4e5a6"), 3);

    static KeysetHandle keyset;
    static StreamingAead key;
    /** 3.5 MiB: three full segments and half of a last one. */
    static byte[] large;
    static byte[] largeCiphertext;

    final List<CryptoFailure> reported = new ArrayList<>();
    final CryptoFailures failures = new CryptoFailures(List.of(reported::add));
    final TinkDocumentStreams streams = new TinkDocumentStreams(id -> key, failures);

    @BeforeAll
    static void keys() throws Exception {
        TinkSetup.register();
        keyset = KeysetHandle.generateNew(PredefinedStreamingAeadParameters.AES256_GCM_HKDF_1MB);
        key = primitive(keyset);
        large = randomBytes(3 * SEGMENT + SEGMENT / 2, 7);
        largeCiphertext = encrypt(new TinkDocumentStreams(id -> key, new CryptoFailures(List.of())), CLIENT, CONTEXT, large);
    }

    // Round trips and the format the negative tests rely on

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 100, FIRST_PLAINTEXT - 1, FIRST_PLAINTEXT, FIRST_PLAINTEXT + 1,
            FIRST_PLAINTEXT + PLAINTEXT, FIRST_PLAINTEXT + PLAINTEXT + 1})
    void roundTripsAtAndAroundSegmentSizes(int length) throws IOException {
        byte[] plaintext = randomBytes(length, length);
        byte[] ciphertext = encrypt(plaintext);
        assertThat(ciphertext).hasSize(expectedCiphertextLength(length));
        assertThat(decrypt(ciphertext)).isEqualTo(plaintext);
        assertThat(reported).isEmpty();
    }

    @Test
    void roundTripsSeveralSegments() throws IOException {
        assertThat(largeCiphertext).hasSize(expectedCiphertextLength(large.length));
        assertThat(largeCiphertext.length).isGreaterThan(3 * SEGMENT).isLessThan(4 * SEGMENT);
        assertThat(decrypt(largeCiphertext)).isEqualTo(large);
    }

    @Test
    void emptyDocumentIsOnlyTheHeaderAndOneTag() throws IOException {
        byte[] ciphertext = encrypt(new byte[0]);
        assertThat(ciphertext).hasSize(TinkDocumentStreams.MINIMUM_CIPHERTEXT_LENGTH);
        assertThat(ciphertext[0]).as("Tink's header starts with its own length").isEqualTo((byte) HEADER);
        assertThat(decrypt(ciphertext)).isEmpty();
    }

    /** The helpers that cut streams into segments find the real boundaries. */
    @Test
    void segmentsReassembledInOrderGiveTheOriginalStream() throws IOException {
        byte[] reassembled = assemble(header(largeCiphertext), segment(largeCiphertext, 0), segment(largeCiphertext, 1),
                segment(largeCiphertext, 2), segment(largeCiphertext, 3));
        assertThat(reassembled).isEqualTo(largeCiphertext);
        assertThat(segment(largeCiphertext, 1)).hasSize(SEGMENT);
        assertThat(segment(largeCiphertext, 3)).hasSize(large.length - FIRST_PLAINTEXT - 2 * PLAINTEXT + TAG);
        assertThat(decrypt(reassembled)).isEqualTo(large);
    }

    /** Attack: comparing ciphertexts to learn that two documents (or versions) are the same. */
    @Test
    void sameDocumentEncryptsDifferentlyEachTime() throws IOException {
        byte[] plaintext = randomBytes(1000, 1);
        byte[] first = encrypt(plaintext);
        byte[] second = encrypt(plaintext);
        assertThat(Arrays.copyOfRange(first, 1, HEADER)).isNotEqualTo(Arrays.copyOfRange(second, 1, HEADER));
        assertThat(Arrays.copyOfRange(first, HEADER, first.length)).isNotEqualTo(Arrays.copyOfRange(second, HEADER, second.length));
    }

    // Wrong context, wrong key

    /** Attack: serving one document's stored stream as another document. */
    @Test
    void decryptWhenOtherDocumentThenFails() {
        assertFails(largeCiphertext, CLIENT, new DocumentContext(UUID.randomUUID(), CONTEXT.version()));
    }

    /** Attack: rolling a document back by serving an older version's stream as the current one. */
    @Test
    void decryptWhenOtherVersionThenFails() {
        assertFails(largeCiphertext, CLIENT, new DocumentContext(CONTEXT.documentId(), CONTEXT.version() + 1));
    }

    /** Attack: moving a stream into another client's folder (here even under the same key). */
    @Test
    void decryptWhenOtherClientThenFails() {
        assertFails(largeCiphertext, UUID.randomUUID(), CONTEXT);
    }

    /** Even an empty document is bound to its context: the last segment's tag covers it. */
    @Test
    void decryptWhenEmptyDocumentInOtherContextThenFails() throws IOException {
        byte[] empty = encrypt(new byte[0]);
        assertFails(empty, CLIENT, new DocumentContext(CONTEXT.documentId(), CONTEXT.version() + 1));
    }

    @Test
    void decryptWhenOtherKeyThenFails() throws Exception {
        StreamingAead other = primitive(KeysetHandle.generateNew(PredefinedStreamingAeadParameters.AES256_GCM_HKDF_1MB));
        TinkDocumentStreams otherStreams = new TinkDocumentStreams(id -> other, failures);
        assertThatThrownBy(() -> decrypt(otherStreams, CLIENT, CONTEXT, largeCiphertext)).isInstanceOf(DecryptionFailed.class);
        assertThat(reported).containsExactly(new CryptoFailure("document.decrypt", CLIENT, "authentication_failed"));
    }

    // Truncation

    /** Attack: truncation; no prefix of a stream, down to the empty one, reads as a document. */
    @Test
    void everyTruncationOfASmallDocumentFails() throws IOException {
        byte[] ciphertext = encrypt(randomBytes(100, 2));
        for (int length = 0; length < ciphertext.length; length++) {
            assertFails(Arrays.copyOf(ciphertext, length), CLIENT, CONTEXT);
        }
        assertThat(reported).hasSize(ciphertext.length);
        assertThat(reported.subList(0, TinkDocumentStreams.MINIMUM_CIPHERTEXT_LENGTH)).allMatch(f -> f.reason().equals("malformed"));
        assertThat(reported.subList(TinkDocumentStreams.MINIMUM_CIPHERTEXT_LENGTH, ciphertext.length))
                .allMatch(f -> f.reason().equals("authentication_failed"));
    }

    /** Attack: truncation; an empty document cut short does not read as an empty document. */
    @Test
    void everyTruncationOfAnEmptyDocumentFails() throws IOException {
        byte[] ciphertext = encrypt(new byte[0]);
        for (int length = 0; length < ciphertext.length; length++) {
            assertFails(Arrays.copyOf(ciphertext, length), CLIENT, CONTEXT);
        }
    }

    /**
     * Attack: truncation at or next to a segment boundary, where a stream of independently
     * sealed segments would end cleanly; reading to the end must fail, never return a short
     * document.
     */
    @Test
    void truncationAtAndAroundEverySegmentBoundaryFails() {
        int checked = 0;
        for (int boundary : new int[] {HEADER, SEGMENT, 2 * SEGMENT, 3 * SEGMENT, largeCiphertext.length}) {
            for (int offset : new int[] {-TAG, -1, 0, 1}) {
                int length = boundary + offset;
                if (length >= 0 && length < largeCiphertext.length) {
                    assertFails(Arrays.copyOf(largeCiphertext, length), CLIENT, CONTEXT);
                    checked++;
                }
            }
        }
        assertThat(checked).isEqualTo(18);
    }

    /** Attack: dropping the last segment so that a document looks complete but shorter. */
    @Test
    void droppingTheLastSegmentFails() {
        assertFails(assemble(header(largeCiphertext), segment(largeCiphertext, 0), segment(largeCiphertext, 1),
                segment(largeCiphertext, 2)), CLIENT, CONTEXT);
    }

    /** Attack: extension; bytes or a whole segment appended after the last segment. */
    @Test
    void appendedBytesFail() {
        assertFails(assemble(largeCiphertext, new byte[] {0}), CLIENT, CONTEXT);
        assertFails(assemble(largeCiphertext, segment(largeCiphertext, 1)), CLIENT, CONTEXT);
    }

    // Bit flips

    /**
     * Attack: ciphertext malleability; no byte of a stream can change unnoticed (one bit flipped
     * in every byte, the bit moving along, and every bit of the header's length byte).
     */
    @Test
    void flippingABitInAnyByteOfASmallDocumentFails() throws IOException {
        byte[] ciphertext = encrypt(randomBytes(100, 3));
        for (int position = 0; position < ciphertext.length; position++) {
            assertFails(flip(ciphertext, position, position % 8), CLIENT, CONTEXT);
        }
        for (int bit = 0; bit < 8; bit++) {
            assertFails(flip(ciphertext, 0, bit), CLIENT, CONTEXT);
        }
        assertThat(reported).hasSize(ciphertext.length + 8);
    }

    /** Attack: ciphertext malleability in the header, in every segment's body and in its tag. */
    @Test
    void flippingABitInTheHeaderAnySegmentOrTagFails() {
        int end = largeCiphertext.length;
        int[] positions = {0, 1, HEADER - 7, HEADER - 1, HEADER, SEGMENT - TAG - 1, SEGMENT - 1, SEGMENT, SEGMENT + 12_345,
            2 * SEGMENT - TAG, 2 * SEGMENT + 1, 3 * SEGMENT, end - TAG - 1, end - TAG, end - 1};
        for (int i = 0; i < positions.length; i++) {
            assertFails(flip(largeCiphertext, positions[i], i % 8), CLIENT, CONTEXT);
        }
        assertThat(reported).hasSize(positions.length);
    }

    /**
     * A bad segment fails before any of its plaintext is returned: the reader only ever gets the
     * authentic segments before it.
     */
    @Test
    void tamperedSegmentFailsBeforeAnyOfItsPlaintextIsReturned() throws IOException {
        byte[] tampered = flip(largeCiphertext, 2 * SEGMENT + 100, 0);
        ByteArrayOutputStream delivered = new ByteArrayOutputStream();
        assertThatThrownBy(() -> readAll(streams.decrypting(CLIENT, CONTEXT, new ByteArrayInputStream(tampered)), delivered))
                .isInstanceOf(DecryptionFailed.class);
        assertThat(delivered.size()).isBetween(1, FIRST_PLAINTEXT + PLAINTEXT);
        assertThat(delivered.toByteArray()).isEqualTo(Arrays.copyOf(large, delivered.size()));
    }

    // Reordered, dropped, duplicated, spliced segments

    /** Attack: reordering segments (each is valid on its own). */
    @Test
    void swappingTwoSegmentsFails() {
        assertFails(assemble(header(largeCiphertext), segment(largeCiphertext, 0), segment(largeCiphertext, 2),
                segment(largeCiphertext, 1), segment(largeCiphertext, 3)), CLIENT, CONTEXT);
    }

    /** Attack: cutting a segment out of the middle of a document. */
    @Test
    void droppingAMiddleSegmentFails() {
        assertFails(assemble(header(largeCiphertext), segment(largeCiphertext, 0), segment(largeCiphertext, 2),
                segment(largeCiphertext, 3)), CLIENT, CONTEXT);
    }

    /** Attack: replaying a segment twice. */
    @Test
    void duplicatingASegmentFails() {
        assertFails(assemble(header(largeCiphertext), segment(largeCiphertext, 0), segment(largeCiphertext, 1),
                segment(largeCiphertext, 1), segment(largeCiphertext, 2), segment(largeCiphertext, 3)), CLIENT, CONTEXT);
    }

    /**
     * Attack: splicing; a segment from another stream of the same document, key and context (e.g.
     * an older upload), at the same position.
     */
    @Test
    void segmentFromAnotherStreamOfTheSameDocumentFails() throws IOException {
        byte[] other = encrypt(large);
        assertFails(assemble(header(largeCiphertext), segment(largeCiphertext, 0), segment(other, 1),
                segment(largeCiphertext, 2), segment(largeCiphertext, 3)), CLIENT, CONTEXT);
        assertFails(assemble(header(other), segment(largeCiphertext, 0), segment(largeCiphertext, 1),
                segment(largeCiphertext, 2), segment(largeCiphertext, 3)), CLIENT, CONTEXT);
    }

    // Rotation

    @Test
    void streamWrittenBeforeRotationStillDecryptsAndNewStreamsUseTheNewPrimary() throws Exception {
        KeysetHandle rotated = KeysetHandle.newBuilder(keyset)
                .addEntry(KeysetHandle.generateEntryFromParameters(PredefinedStreamingAeadParameters.AES256_GCM_HKDF_1MB)
                        .withRandomId().makePrimary())
                .build();
        StreamingAead afterRotation = primitive(rotated);
        TinkDocumentStreams rotatedStreams = new TinkDocumentStreams(id -> afterRotation, failures);

        assertThat(decrypt(rotatedStreams, CLIENT, CONTEXT, largeCiphertext)).isEqualTo(large);
        byte[] newStream = encrypt(rotatedStreams, CLIENT, CONTEXT, large);
        assertThat(decrypt(rotatedStreams, CLIENT, CONTEXT, newStream)).isEqualTo(large);
        assertThat(reported).isEmpty();
        assertFails(newStream, CLIENT, CONTEXT);
    }

    /**
     * Tink tries every key of the keyset on the first segment, rewinding in between; that works
     * with a source that hands out small pieces, and never reads more than a segment ahead.
     */
    @Test
    void findsTheMatchingKeyAmongManyReadingInSmallPieces() throws Exception {
        KeysetHandle.Builder builder = KeysetHandle.newBuilder(keyset);
        for (int i = 0; i < 4; i++) {
            builder.addEntry(KeysetHandle.generateEntryFromParameters(PredefinedStreamingAeadParameters.AES256_GCM_HKDF_1MB)
                    .withRandomId());
        }
        builder.addEntry(KeysetHandle.generateEntryFromParameters(PredefinedStreamingAeadParameters.AES256_GCM_HKDF_1MB)
                .withRandomId().makePrimary());
        KeysetHandle many = builder.build();
        KeysetHandle.Builder middlePrimary = KeysetHandle.newBuilder(many);
        middlePrimary.getAt(3).makePrimary();
        StreamingAead middleKey = primitive(middlePrimary.build());
        TinkDocumentStreams writer = new TinkDocumentStreams(id -> middleKey, failures);
        byte[] ciphertext = encrypt(writer, CLIENT, CONTEXT, large);
        StreamingAead manyKeys = primitive(many);
        TinkDocumentStreams manyStreams = new TinkDocumentStreams(id -> manyKeys, failures);

        CountingSource source = new CountingSource(ciphertext, 777);
        ByteArrayOutputStream plaintext = new ByteArrayOutputStream();
        long lag = 0;
        try (InputStream in = manyStreams.decrypting(CLIENT, CONTEXT, source)) {
            byte[] buffer = new byte[5000];
            for (int read = in.read(buffer); read >= 0; read = in.read(buffer)) {
                plaintext.write(buffer, 0, read);
                lag = Math.max(lag, source.consumed - plaintext.size());
            }
        }
        assertThat(plaintext.toByteArray()).isEqualTo(large);
        assertThat(lag).isLessThanOrEqualTo(SEGMENT + 1);
        assertThat(reported).isEmpty();
    }

    /** The rewind buffer is sized for 1 MiB segments; client keys must keep using them. */
    @Test
    void clientStreamingKeysUseTheSegmentSizeTheRewindBufferIsSizedFor() {
        assertThat(TinkClientKeys.STREAM_KEY).isInstanceOfSatisfying(AesGcmHkdfStreamingParameters.class, parameters -> {
            assertThat(parameters.getCiphertextSegmentSizeBytes()).isEqualTo(SEGMENT);
            assertThat(parameters.getDerivedAesGcmKeySizeBytes()).isEqualTo(32);
        });
    }

    // I/O errors and the failure report

    @Test
    void sourceErrorMidStreamStaysThatIOExceptionAndIsNotReported() {
        IOException diskError = new IOException("disk error");
        InputStream plaintext = streams.decrypting(CLIENT, CONTEXT, new FailingSource(largeCiphertext, 2 * SEGMENT + 10, diskError));
        ByteArrayOutputStream delivered = new ByteArrayOutputStream();
        assertThatThrownBy(() -> readAll(plaintext, delivered)).isSameAs(diskError);
        assertThatThrownBy(() -> plaintext.read(new byte[10])).isSameAs(diskError);
        assertThat(delivered.toByteArray()).isEqualTo(Arrays.copyOf(large, delivered.size()));
        assertThat(reported).isEmpty();
    }

    /**
     * Tink swallows source errors while it tries each key of a keyset and then reports "no
     * matching key"; the caller must still see the disk error, not a decryption failure.
     */
    @Test
    void sourceErrorWhileMatchingTheKeyIsNotMistakenForAWrongKey() throws Exception {
        KeysetHandle rotated = KeysetHandle.newBuilder(keyset)
                .addEntry(KeysetHandle.generateEntryFromParameters(PredefinedStreamingAeadParameters.AES256_GCM_HKDF_1MB)
                        .withRandomId().makePrimary())
                .build();
        StreamingAead afterRotation = primitive(rotated);
        TinkDocumentStreams rotatedStreams = new TinkDocumentStreams(id -> afterRotation, failures);
        IOException diskError = new IOException("disk error");
        InputStream plaintext = rotatedStreams.decrypting(CLIENT, CONTEXT, new FailingSource(largeCiphertext, 500, diskError));
        assertThatThrownBy(() -> plaintext.read(new byte[4096])).isSameAs(diskError);
        assertThat(reported).isEmpty();
    }

    /** Attack: retrying reads past a detected forgery to get at the plaintext behind it. */
    @Test
    void everyReadAfterAFailureFailsAndTheFailureIsReportedOnce() throws IOException {
        byte[] tampered = flip(largeCiphertext, 500, 3);
        InputStream plaintext = streams.decrypting(CLIENT, CONTEXT, new ByteArrayInputStream(tampered));
        byte[] buffer = new byte[8192];
        assertThatThrownBy(() -> plaintext.read(buffer)).isInstanceOf(DecryptionFailed.class);
        assertThatThrownBy(() -> plaintext.read(buffer)).isInstanceOf(DecryptionFailed.class);
        assertThatThrownBy(plaintext::read).isInstanceOf(DecryptionFailed.class);
        assertThat(reported).containsExactly(new CryptoFailure("document.decrypt", CLIENT, "authentication_failed"));
    }

    /** The caller learns nothing beyond "it failed": no cause, no Tink state, no bytes. */
    @Test
    void failureCarriesNoDetail() {
        byte[] tampered = flip(largeCiphertext, SEGMENT + 1, 0);
        assertThatThrownBy(() -> decrypt(tampered))
                .isInstanceOf(DecryptionFailed.class)
                .hasMessage("decryption failed")
                .hasNoCause()
                .satisfies(e -> assertThat(e.getStackTrace()).isEmpty());
        assertThat(reported).containsExactly(new CryptoFailure("document.decrypt", CLIENT, "authentication_failed"));
    }

    @Test
    void sinkErrorWhileWritingTheHeaderIsAnUncheckedIOException() {
        IOException full = new IOException("disk full");
        OutputStream brokenSink = new OutputStream() {
            @Override
            public void write(int b) throws IOException {
                throw full;
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                throw full;
            }
        };
        assertThatThrownBy(() -> streams.encrypting(CLIENT, CONTEXT, brokenSink))
                .isInstanceOf(UncheckedIOException.class)
                .hasCause(full);
    }

    @Test
    void rejectsNullArgumentsNamingThem() {
        assertThatThrownBy(() -> streams.encrypting(null, CONTEXT, new ByteArrayOutputStream()))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("clientId, context and sink must not be null");
        assertThatThrownBy(() -> streams.decrypting(CLIENT, null, new ByteArrayInputStream(new byte[0])))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("clientId, context and source must not be null");
        assertThatThrownBy(() -> streams.decrypting(CLIENT, CONTEXT, null))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("clientId, context and source must not be null");
    }

    // Memory

    /**
     * Neither direction holds the document: while a 16 MiB document goes through, encrypting
     * never holds back more than one segment of what was written, and decrypting never reads more
     * than one segment (and the byte after it) ahead of what it has returned.
     */
    @Test
    void streamsWithoutHoldingTheDocument() throws IOException {
        long length = 16L * SEGMENT + 12_345;
        ByteArrayOutputStream sink = new ByteArrayOutputStream();
        long encryptingLag = 0;
        try (OutputStream out = streams.encrypting(CLIENT, CONTEXT, sink)) {
            byte[] chunk = new byte[65_537];
            for (long written = 0; written < length; ) {
                int n = (int) Math.min(chunk.length, length - written);
                for (int i = 0; i < n; i++) {
                    chunk[i] = pattern(written + i);
                }
                out.write(chunk, 0, n);
                written += n;
                encryptingLag = Math.max(encryptingLag, written - sink.size());
            }
        }
        CountingSource source = new CountingSource(sink.toByteArray());
        long decryptingLag = 0;
        long delivered = 0;
        try (InputStream in = streams.decrypting(CLIENT, CONTEXT, source)) {
            byte[] buffer = new byte[65_537];
            for (int read = in.read(buffer); read >= 0; read = in.read(buffer)) {
                for (int i = 0; i < read; i++) {
                    if (buffer[i] != pattern(delivered + i)) {
                        throw new AssertionError("plaintext differs at byte " + (delivered + i));
                    }
                }
                delivered += read;
                decryptingLag = Math.max(decryptingLag, source.consumed - delivered);
            }
        }
        assertThat(delivered).isEqualTo(length);
        assertThat(encryptingLag).isPositive().isLessThanOrEqualTo(PLAINTEXT);
        assertThat(decryptingLag).isPositive().isLessThanOrEqualTo(SEGMENT + 1);
    }

    // Helpers

    static StreamingAead primitive(KeysetHandle handle) throws GeneralSecurityException {
        return handle.getPrimitive(RegistryConfiguration.get(), StreamingAead.class);
    }

    static int expectedCiphertextLength(int plaintextLength) {
        int segments = plaintextLength <= FIRST_PLAINTEXT ? 1
                : 1 + (plaintextLength - FIRST_PLAINTEXT + PLAINTEXT - 1) / PLAINTEXT;
        return HEADER + plaintextLength + segments * TAG;
    }

    byte[] encrypt(byte[] plaintext) throws IOException {
        return encrypt(streams, CLIENT, CONTEXT, plaintext);
    }

    byte[] decrypt(byte[] ciphertext) throws IOException {
        return decrypt(streams, CLIENT, CONTEXT, ciphertext);
    }

    static byte[] encrypt(DocumentStreams streams, UUID client, DocumentContext context, byte[] plaintext) throws IOException {
        ByteArrayOutputStream sink = new ByteArrayOutputStream();
        try (OutputStream out = streams.encrypting(client, context, sink)) {
            int offset = 0;
            for (int i = 0; offset < plaintext.length; i++) {
                int length = Math.min(CHUNKS[i % CHUNKS.length], plaintext.length - offset);
                if (length == 1) {
                    out.write(plaintext[offset]);
                } else {
                    out.write(plaintext, offset, length);
                }
                offset += length;
            }
        }
        return sink.toByteArray();
    }

    static byte[] decrypt(DocumentStreams streams, UUID client, DocumentContext context, byte[] ciphertext) throws IOException {
        ByteArrayOutputStream plaintext = new ByteArrayOutputStream();
        try (InputStream in = streams.decrypting(client, context, new ByteArrayInputStream(ciphertext))) {
            readAll(in, plaintext);
        }
        return plaintext.toByteArray();
    }

    /** Reads to the end in odd chunk sizes, single bytes included. */
    static void readAll(InputStream in, ByteArrayOutputStream out) throws IOException {
        byte[] buffer = new byte[300_001];
        for (int i = 0; ; i++) {
            int chunk = CHUNKS[i % CHUNKS.length];
            if (chunk == 1) {
                int b = in.read();
                if (b < 0) {
                    return;
                }
                out.write(b);
            } else {
                int read = in.read(buffer, 0, chunk);
                if (read < 0) {
                    return;
                }
                out.write(buffer, 0, read);
            }
        }
    }

    /** Reading the whole stream fails with the opaque failure, never a clean (short) plaintext. */
    void assertFails(byte[] ciphertext, UUID client, DocumentContext context) {
        assertThatThrownBy(() -> decrypt(streams, client, context, ciphertext))
                .as("%d-byte stream", ciphertext.length)
                .isInstanceOf(DecryptionFailed.class);
    }

    static byte[] header(byte[] ciphertext) {
        return Arrays.copyOf(ciphertext, HEADER);
    }

    /** Segment {@code index} of a stream, tag included; the first starts after the header. */
    static byte[] segment(byte[] ciphertext, int index) {
        int from = index == 0 ? HEADER : index * SEGMENT;
        return Arrays.copyOfRange(ciphertext, from, Math.min((index + 1) * SEGMENT, ciphertext.length));
    }

    static byte[] assemble(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }

    static byte[] flip(byte[] ciphertext, int position, int bit) {
        byte[] copy = ciphertext.clone();
        copy[position] ^= (byte) (1 << bit);
        return copy;
    }

    static byte[] randomBytes(int length, long seed) {
        byte[] bytes = new byte[length];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }

    /** Gives the ciphertext, then throws the given error once {@code failAt} bytes were read. */
    static final class FailingSource extends InputStream {
        private final byte[] bytes;
        private final int failAt;
        private final IOException error;
        private int position;

        FailingSource(byte[] bytes, int failAt, IOException error) {
            this.bytes = bytes;
            this.failAt = failAt;
            this.error = error;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            if (position >= failAt) {
                throw error;
            }
            if (position >= bytes.length) {
                return -1;
            }
            int n = Math.min(Math.min(length, failAt - position), bytes.length - position);
            System.arraycopy(bytes, position, buffer, offset, n);
            position += n;
            return n;
        }
    }

    static byte pattern(long position) {
        return (byte) ((position * 0x9E3779B1L) >>> 13);
    }

    /** A ciphertext source that counts what it has handed out, optionally in small pieces. */
    static final class CountingSource extends ByteArrayInputStream {
        private final int piece;
        long consumed;

        CountingSource(byte[] bytes) {
            this(bytes, Integer.MAX_VALUE);
        }

        CountingSource(byte[] bytes, int piece) {
            super(bytes);
            this.piece = piece;
        }

        @Override
        public synchronized int read(byte[] buffer, int offset, int length) {
            int read = super.read(buffer, offset, Math.min(length, piece));
            consumed += Math.max(read, 0);
            return read;
        }

        @Override
        public synchronized int read() {
            int read = super.read();
            consumed += read < 0 ? 0 : 1;
            return read;
        }
    }
}
