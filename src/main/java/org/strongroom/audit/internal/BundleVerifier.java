package org.strongroom.audit.internal;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Set;

import org.jspecify.annotations.Nullable;
import org.strongroom.audit.BundleProblem;
import org.strongroom.audit.BundleVerdict;
import org.strongroom.crypto.CheckpointSignatures;

import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Checks a signed bundle offline (docs/security/audit-format.md, "Signed bundles"), line by line
 * in constant memory: the header and its key, every entry's place in the declared range, every
 * checkpoint's signature and its match with the stored MAC of the entry it follows, and the
 * trailer's SHA-256 and signature. Reports the first problem in file order. Public only so that
 * {@link org.strongroom.audit.AuditBundles} can delegate to it; use that class instead.
 */
public final class BundleVerifier {

    /** Longest line read: an entry is under 4 KiB (13 fields of at most 256 characters). */
    private static final int MAX_LINE = 64 * 1024;
    private static final JsonMapper JSON = JsonMapper.builder().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();
    private static final Set<String> HEADER = Set.of("type", "format", "version", "exportedAt", "from", "until",
            "firstSeq", "lastSeq", "previousMac", "keyId", "publicKey");
    private static final Set<String> ENTRY = entryFields();
    private static final Set<String> CHECKPOINT = Set.of("type", "seq", "headMac", "createdAt", "keyId", "signature");
    private static final Set<String> TRAILER = Set.of("type", "sha256", "signature");

    private final InputStream in;
    private final @Nullable String expectedKeyId;
    private final MessageDigest sha256;
    private long lineNumber;
    private byte @Nullable [] pending;
    private boolean pendingComplete;

    private BundleVerifier(InputStream in, @Nullable String expectedKeyId) {
        this.in = new BufferedInputStream(in, 1 << 16);
        this.expectedKeyId = expectedKeyId == null ? null : expectedKeyId.strip().toLowerCase(Locale.ROOT);
        try {
            this.sha256 = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this Java runtime", e);
        }
    }

    public static BundleVerdict verify(InputStream bundle, @Nullable String expectedKeyId) throws IOException {
        if (bundle == null) {
            throw new IllegalArgumentException("bundle must not be null");
        }
        try {
            return new BundleVerifier(bundle, expectedKeyId).run();
        } catch (Problem p) {
            return p.verdict;
        }
    }

    private BundleVerdict run() throws IOException {
        byte[] first = nextLine();
        if (first == null) {
            throw problem(0, BundleProblem.TRUNCATED, "the bundle is empty");
        }
        JsonNode header = parse(first, HEADER, "header", 0);
        if (!SignedBundles.FORMAT.equals(text(header, "format", 0)) || number(header, "version", 0) != SignedBundles.VERSION) {
            throw problem(0, BundleProblem.UNREADABLE, "not a strongroom audit bundle of format version " + SignedBundles.VERSION);
        }
        byte[] publicKey = bytes(header, "publicKey", 32, 0);
        String keyId = text(header, "keyId", 0);
        if (!CheckpointSignatures.keyId(publicKey).equals(keyId)) {
            throw problem(0, BundleProblem.KEY_MISMATCH, "the header's key id is not the id of its public key");
        }
        if (expectedKeyId != null && !expectedKeyId.equals(keyId)) {
            throw problem(0, BundleProblem.KEY_MISMATCH, "the bundle is signed by key " + keyId
                    + ", not by the expected key " + expectedKeyId);
        }
        Instant exportedAt = instant(header, "exportedAt");
        long firstSeq = number(header, "firstSeq", 0);
        long lastSeq = number(header, "lastSeq", 0);
        if (firstSeq < 1 || lastSeq < firstSeq - 1) {
            throw problem(0, BundleProblem.UNREADABLE, "the header declares no valid range of entries");
        }
        byte[] lastMac = bytes(header, "previousMac", 32, 0);
        long lastEntry = firstSeq - 1;
        long entries = 0;
        long checkpoints = 0;

        while (true) {
            byte[] raw = nextLine();
            if (raw == null) {
                throw problem(lastEntry, BundleProblem.TRUNCATED, lastEntry < lastSeq
                        ? "the bundle ends after entry " + lastEntry + " but declares entries up to " + lastSeq
                        : "the bundle ends without its signed trailer");
            }
            JsonNode node = parse(raw, null, "line", lastEntry);
            String type = node.get("type") == null ? "" : node.get("type").asString("");
            switch (type) {
                case "entry" -> {
                    check(node, ENTRY, "entry", lastEntry);
                    long seq = number(node, "seq", lastEntry);
                    long expected = lastEntry + 1;
                    if (seq != expected || seq > lastSeq) {
                        throw misplaced(seq, expected, firstSeq, lastSeq);
                    }
                    lastMac = bytes(node, "mac", 32, seq);
                    lastEntry = seq;
                    entries++;
                }
                case "checkpoint" -> {
                    check(node, CHECKPOINT, "checkpoint", lastEntry);
                    long seq = number(node, "seq", lastEntry);
                    if (seq != lastEntry) {
                        throw problem(seq, BundleProblem.CHECKPOINT_MISMATCH, "the checkpoint at entry " + seq
                                + " does not follow entry " + seq + (seq == 0 ? "" : " (it follows entry " + lastEntry + ")"));
                    }
                    byte[] head = bytes(node, "headMac", 32, seq);
                    long createdAt = number(node, "createdAt", seq);
                    byte[] signature = bytes(node, "signature", 64, seq);
                    if (!keyId.equals(text(node, "keyId", seq)) || !CheckpointSignatures.verify(publicKey,
                            EntryEncoding.checkpointInput(seq, head, createdAt), signature)) {
                        throw problem(seq, BundleProblem.CHECKPOINT_FORGED, "the checkpoint at entry " + seq
                                + " has no valid signature by the bundle's key");
                    }
                    if (!MessageDigest.isEqual(head, lastMac)) {
                        throw problem(seq, BundleProblem.CHECKPOINT_MISMATCH, "the checkpoint at entry " + seq
                                + " was signed for another MAC than entry " + seq + " carries");
                    }
                    checkpoints++;
                }
                case "trailer" -> {
                    check(node, TRAILER, "trailer", 0);
                    if (lastEntry < lastSeq) {
                        throw problem(lastEntry + 1, BundleProblem.TRUNCATED, "the entries end at " + lastEntry
                                + " but the header declares entries up to " + lastSeq);
                    }
                    byte[] digest = sha256.digest();
                    String declared = text(node, "sha256", 0);
                    if (!HexFormat.of().formatHex(digest).equals(declared)) {
                        throw problem(0, BundleProblem.ALTERED, "lines 1 to " + (lineNumber - 1)
                                + " do not hash to the trailer's SHA-256: a line was changed, added or removed after signing");
                    }
                    if (!CheckpointSignatures.verifyExport(publicKey, digest, bytes(node, "signature", 64, 0))) {
                        throw problem(0, BundleProblem.SIGNATURE_INVALID, "the trailer's signature is not valid for key " + keyId);
                    }
                    if (nextLine() != null) {
                        throw problem(0, BundleProblem.UNREADABLE, "there is content after the trailer");
                    }
                    return new BundleVerdict.Intact(firstSeq, lastSeq, entries, checkpoints, exportedAt, keyId, expectedKeyId != null);
                }
                case "header" -> throw problem(lastEntry, BundleProblem.INSERTED, "a second header");
                default -> throw problem(lastEntry, BundleProblem.UNREADABLE, "a line of unknown type");
            }
        }
    }

    /** Names an entry out of place, peeking at the next line to tell a swap from a removal. */
    private Problem misplaced(long seq, long expected, long firstSeq, long lastSeq) throws IOException {
        if (seq > lastSeq || seq < firstSeq) {
            return problem(seq, BundleProblem.INSERTED, "entry " + seq + " lies outside the bundle's range "
                    + firstSeq + " to " + lastSeq);
        }
        if (seq < expected) {
            return problem(seq, BundleProblem.REORDERED, "entry " + seq + " comes again after entry " + (expected - 1));
        }
        long here = lineNumber;
        byte[] next = peekLine();
        if (next != null) {
            try {
                JsonNode node = JSON.readTree(next);
                if (node.isObject() && "entry".equals(node.path("type").asString(""))
                        && node.path("seq").canConvertToLong() && node.path("seq").longValue() == expected) {
                    return new Problem(new BundleVerdict.Broken(here, expected, BundleProblem.REORDERED,
                            "entries " + expected + " and " + seq + " were swapped (lines " + here + " and " + (here + 1) + ")"));
                }
            } catch (JacksonException e) {
                // not an entry: a removal, named below
            }
        }
        return new Problem(new BundleVerdict.Broken(here, expected, BundleProblem.MISSING,
                "entry " + expected + " is missing (line " + here + " holds entry " + seq + ")"));
    }

    private JsonNode parse(byte[] raw, @Nullable Set<String> fields, String what, long seq) {
        JsonNode node;
        try {
            node = JSON.readTree(raw);
        } catch (JacksonException e) {
            throw problem(seq, BundleProblem.UNREADABLE, "the " + what + " is not a JSON object");
        }
        if (node == null || !node.isObject()) {
            throw problem(seq, BundleProblem.UNREADABLE, "the " + what + " is not a JSON object");
        }
        if (fields != null) {
            check(node, fields, what, seq);
            if (!what.equals(node.path("type").asString(""))) {
                throw problem(seq, BundleProblem.UNREADABLE, "the first line is not the bundle's header");
            }
        }
        return node;
    }

    private void check(JsonNode node, Set<String> fields, String what, long seq) {
        if (!Set.copyOf(node.propertyNames()).equals(fields)) {
            throw problem(seq, BundleProblem.UNREADABLE, "the " + what + " does not have exactly the fields of its kind");
        }
        for (String name : fields) {
            JsonNode value = node.get(name);
            if (!(value.isNull() || value.isString() || value.isIntegralNumber() && value.canConvertToLong())) {
                throw problem(seq, BundleProblem.UNREADABLE, "the " + what + "'s " + name + " is not a string or a number");
            }
        }
    }

    private String text(JsonNode node, String name, long seq) {
        JsonNode value = node.get(name);
        if (value == null || !value.isString()) {
            throw problem(seq, BundleProblem.UNREADABLE, name + " is not a string");
        }
        return value.stringValue();
    }

    private long number(JsonNode node, String name, long seq) {
        JsonNode value = node.get(name);
        if (value == null || !value.isIntegralNumber() || !value.canConvertToLong()) {
            throw problem(seq, BundleProblem.UNREADABLE, name + " is not a whole number");
        }
        return value.longValue();
    }

    private byte[] bytes(JsonNode node, String name, int length, long seq) {
        byte[] decoded;
        try {
            decoded = Base64.getUrlDecoder().decode(text(node, name, seq));
        } catch (IllegalArgumentException e) {
            throw problem(seq, BundleProblem.UNREADABLE, name + " is not base64url");
        }
        if (decoded.length != length) {
            throw problem(seq, BundleProblem.UNREADABLE, name + " is not " + length + " bytes");
        }
        return decoded;
    }

    private Instant instant(JsonNode node, String name) {
        try {
            return Instant.parse(text(node, name, 0));
        } catch (DateTimeParseException e) {
            throw problem(0, BundleProblem.UNREADABLE, name + " is not an ISO-8601 instant");
        }
    }

    /**
     * The next line without its newline, hashed with it unless it is the trailer (the trailer is
     * hashed by nobody: its line is recognised before it would be). Null at the end.
     */
    private byte @Nullable [] nextLine() throws IOException {
        byte[] line;
        boolean complete;
        if (pending != null) {
            line = pending;
            complete = pendingComplete;
            pending = null;
        } else {
            ByteArrayOutputStream buffer = new ByteArrayOutputStream(512);
            int b;
            while ((b = in.read()) != -1 && b != '\n') {
                if (buffer.size() == MAX_LINE) {
                    lineNumber++;
                    throw problem(0, BundleProblem.UNREADABLE, "the line is longer than " + MAX_LINE + " bytes");
                }
                buffer.write(b);
            }
            if (b == -1 && buffer.size() == 0) {
                return null;
            }
            line = buffer.toByteArray();
            complete = b == '\n';
        }
        lineNumber++;
        if (!complete) {
            throw problem(0, BundleProblem.TRUNCATED, "the bundle is cut off in the middle of its last line");
        }
        if (!isTrailer(line)) {
            sha256.update(line);
            sha256.update((byte) '\n');
        }
        return line;
    }

    /** The line after the current one, read but not yet counted or hashed. */
    private byte @Nullable [] peekLine() throws IOException {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream(512);
        int b;
        while ((b = in.read()) != -1 && b != '\n' && buffer.size() < MAX_LINE) {
            buffer.write(b);
        }
        if (b == -1 && buffer.size() == 0) {
            return null;
        }
        pending = buffer.toByteArray();
        pendingComplete = b == '\n';
        return pending;
    }

    private static boolean isTrailer(byte[] line) {
        byte[] start = "{\"type\":\"trailer\"".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        if (line.length < start.length) {
            return false;
        }
        for (int i = 0; i < start.length; i++) {
            if (line[i] != start[i]) {
                return false;
            }
        }
        return true;
    }

    private Problem problem(long seq, BundleProblem kind, String detail) {
        return new Problem(new BundleVerdict.Broken(lineNumber, seq, kind, detail));
    }

    private static Set<String> entryFields() {
        java.util.HashSet<String> names = new java.util.HashSet<>(Set.of(ExportText.FIELDS));
        names.add("type");
        names.add("mac");
        return Set.copyOf(names);
    }

    /** Unwinds to {@link #verify} with the first problem. */
    private static final class Problem extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final transient BundleVerdict.Broken verdict;

        Problem(BundleVerdict.Broken verdict) {
            super(null, null, false, false);
            this.verdict = verdict;
        }
    }
}
