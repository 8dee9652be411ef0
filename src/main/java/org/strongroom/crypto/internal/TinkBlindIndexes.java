package org.strongroom.crypto.internal;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.strongroom.crypto.BlindIndexes;
import org.strongroom.crypto.IndexedField;
import org.strongroom.crypto.PersonNames;

import com.google.crypto.tink.Parameters;
import com.google.crypto.tink.RegistryConfiguration;
import com.google.crypto.tink.prf.PredefinedPrfParameters;
import com.google.crypto.tink.prf.PrfSet;

/**
 * Blind indexes as truncated HMAC-SHA256. The per-field HMAC key is
 * {@code HKDF-SHA256(ikm = blind-index system key, info = "strongroom/blind-index/v1" ‖ kind ‖ name)},
 * 32 bytes, computed through Tink's HKDF PRF so the system key never leaves its keyset. The hot
 * path is one map lookup, one thread-local {@link Mac} and one HMAC: no Spring, no locks, no Tink.
 */
final class TinkBlindIndexes implements BlindIndexes {

    static final Parameters KEY_TYPE = PredefinedPrfParameters.HKDF_SHA256;
    private static final String MAC_ALGORITHM = "HmacSHA256";
    private static final HexFormat HEX = HexFormat.of();

    private final SystemKeySource keys;
    private final Map<IndexedField, FieldKeys> fieldKeys = new ConcurrentHashMap<>();

    TinkBlindIndexes(SystemKeySource keys) {
        this.keys = keys;
        TinkSetup.register();
    }

    @Override
    public String exact(IndexedField field, String normalisedValue) {
        requireKind(field, IndexedField.Kind.EXACT);
        if (normalisedValue == null) {
            throw new IllegalArgumentException("normalisedValue must not be null");
        }
        return key(field).primary().index(normalisedValue, field.bits());
    }

    @Override
    public Set<String> exactForSearch(IndexedField field, String normalisedValue) {
        requireKind(field, IndexedField.Kind.EXACT);
        if (normalisedValue == null) {
            throw new IllegalArgumentException("normalisedValue must not be null");
        }
        Set<String> indexes = new LinkedHashSet<>();
        for (FieldKey key : key(field).all()) {
            indexes.add(key.index(normalisedValue, field.bits()));
        }
        return Collections.unmodifiableSet(indexes);
    }

    @Override
    public Set<String> nameTokensForSearch(IndexedField field, String name) {
        requireKind(field, IndexedField.Kind.NAME_TOKENS);
        Set<String> indexes = new LinkedHashSet<>();
        List<FieldKey> all = key(field).all();
        for (String token : PersonNames.tokens(name)) {
            for (FieldKey key : all) {
                indexes.add(key.index(token, field.bits()));
            }
        }
        return Collections.unmodifiableSet(indexes);
    }

    @Override
    public Set<String> nameTokens(IndexedField field, String name) {
        requireKind(field, IndexedField.Kind.NAME_TOKENS);
        List<String> tokens = PersonNames.tokens(name);
        if (tokens.isEmpty()) {
            return Set.of();
        }
        FieldKey key = key(field).primary();
        Set<String> indexes = new LinkedHashSet<>();
        for (String token : tokens) {
            indexes.add(key.index(token, field.bits()));
        }
        return Collections.unmodifiableSet(indexes);
    }

    /** Forgets the derived field keys (the system keys' own {@code forget()} also makes them stale). */
    void forget() {
        fieldKeys.clear();
    }

    /** One field's keys: the primary version's and, during a rotation, the older versions' too. */
    private record FieldKeys(long generation, FieldKey primary, List<FieldKey> all) {
    }

    private FieldKeys key(IndexedField field) {
        // keyed by the record itself: its hash is cached in the name string, no allocation per call
        long generation = keys.generation();
        FieldKeys key = fieldKeys.get(field);
        if (key != null && key.generation() == generation) {
            return key;
        }
        FieldKeys derived = derive(field, generation);
        fieldKeys.put(field, derived);
        return derived;
    }

    private FieldKeys derive(IndexedField field, long generation) {
        try {
            PrfSet prf = keys.keyset(SystemKeys.BLIND_INDEX, KEY_TYPE).getPrimitive(RegistryConfiguration.get(), PrfSet.class);
            FieldKey primary = null;
            List<FieldKey> all = new java.util.ArrayList<>();
            for (Map.Entry<Integer, com.google.crypto.tink.prf.Prf> entry : prf.getPrfs().entrySet()) {
                byte[] raw = entry.getValue().compute(derivationInfo(field), 32);
                try {
                    FieldKey key = new FieldKey(new SecretKeySpec(raw, MAC_ALGORITHM), generation);
                    if (entry.getKey() == prf.getPrimaryId()) {
                        primary = key;
                    } else {
                        all.add(key);
                    }
                } finally {
                    Arrays.fill(raw, (byte) 0);
                }
            }
            if (primary == null) {
                throw new IllegalStateException("the blind-index keyset has no primary key");
            }
            all.add(0, primary);
            return new FieldKeys(generation, primary, List.copyOf(all));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("could not derive the blind-index key of field '" + field.name() + "'", e);
        }
    }

    static byte[] derivationInfo(IndexedField field) {
        return ("strongroom/blind-index/v1\0" + field.kind().name() + "\0" + field.name()).getBytes(StandardCharsets.UTF_8);
    }

    /** The first {@code bits} bits of the tag, as hex; the unused low bits of the last byte are zero. */
    static String truncate(byte[] tag, int bits) {
        int length = (bits + 7) / 8;
        int spare = length * 8 - bits;
        if (spare > 0) {
            tag[length - 1] &= (byte) (0xFF << spare);
        }
        return HEX.formatHex(tag, 0, length);
    }

    private static void requireKind(IndexedField field, IndexedField.Kind kind) {
        if (field == null) {
            throw new IllegalArgumentException("field must not be null");
        }
        if (field.kind() != kind) {
            throw new IllegalArgumentException("field '" + field.name() + "' is indexed as " + field.kind() + ", not " + kind);
        }
    }

    /** One field's HMAC key and a {@link Mac} per thread (a {@code Mac} is not thread-safe). */
    private static final class FieldKey {
        final long generation;
        private final ThreadLocal<Mac> macs;

        FieldKey(SecretKeySpec key, long generation) throws InvalidKeyException, NoSuchAlgorithmException {
            this.generation = generation;
            // fails here, once, rather than on some thread's first index
            Mac.getInstance(MAC_ALGORITHM).init(key);
            this.macs = ThreadLocal.withInitial(() -> {
                try {
                    Mac mac = Mac.getInstance(MAC_ALGORITHM);
                    mac.init(key);
                    return mac;
                } catch (GeneralSecurityException e) {
                    throw new IllegalStateException("HMAC-SHA256 is missing from this Java runtime", e);
                }
            });
        }

        String index(String value, int bits) {
            return truncate(macs.get().doFinal(value.getBytes(StandardCharsets.UTF_8)), bits);
        }

        @Override
        public String toString() {
            return "FieldKey[generation " + generation + "]";
        }
    }
}
