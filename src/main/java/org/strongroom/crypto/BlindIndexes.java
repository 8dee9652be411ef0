package org.strongroom.crypto;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Set;

/**
 * Blind indexes: searchable, deliberately ambiguous fingerprints of encrypted values.
 *
 * <p>Each field has its own key, derived from the installation's blind-index key with the field's
 * name and kind as domain separation, so the same value in two fields gives unrelated indexes and
 * an index cannot be compared across fields. An index is a keyed hash (HMAC-SHA256) truncated to
 * {@link IndexedField#bits()} bits, lower-case hex with the unused low bits of the last byte
 * zero; a lookup returns every record with that index and the caller decrypts the candidates
 * and keeps the exact matches. Indexes are deterministic for one key, which is what makes them
 * searchable and what they leak: equal values in one field have equal indexes.
 *
 * <p>Callers that compare an index they computed with one they were given use
 * {@link #matches(String, String)}, which takes the same time wherever the two differ.
 */
public interface BlindIndexes {

    /**
     * The index of a whole value of an {@link IndexedField.Kind#EXACT} field. The value must
     * already be normalised ({@link Emails#normalise}, {@link Phones#toE164},
     * {@link NationalIds#normalise}): the index of {@code "A@x.org"} and of {@code "a@x.org"} differ.
     *
     * @throws VaultSealed while the vault is sealed
     */
    String exact(IndexedField field, String normalisedValue);

    /**
     * The indexes of the parts of a person's name in a {@link IndexedField.Kind#NAME_TOKENS} field,
     * one per token of {@link PersonNames#tokens(String)}; empty when the name has no token.
     * Searching for "Olena" finds "Коваленко Олена".
     *
     * @throws VaultSealed while the vault is sealed
     */
    Set<String> nameTokens(IndexedField field, String name);

    /**
     * The indexes to search with: the value's index under every blind-index key version in use,
     * the current one first. While a key rotation is being rebuilt, stored rows carry either the
     * old or the new index; searching for all of them keeps search exact throughout.
     */
    Set<String> exactForSearch(IndexedField field, String normalisedValue);

    /** Like {@link #exactForSearch} for each name token. */
    Set<String> nameTokensForSearch(IndexedField field, String name);

    /** Whether two indexes are equal, in time that does not depend on where they differ. */
    static boolean matches(String index, String other) {
        if (index == null || other == null) {
            return false;
        }
        return MessageDigest.isEqual(index.getBytes(StandardCharsets.US_ASCII), other.getBytes(StandardCharsets.US_ASCII));
    }
}
