package org.strongroom.clients.internal;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.strongroom.clients.FieldDefinition;
import org.strongroom.clients.FieldType;
import org.strongroom.clients.FieldValues;
import org.strongroom.clients.SearchMode;
import org.strongroom.crypto.BlindIndexes;
import org.strongroom.crypto.IndexedField;
import org.strongroom.crypto.PersonNames;

/**
 * The blind indexes of a client's values, as rows of {@code client_search_index}: every name part
 * of every {@link SearchMode#NAME} field under {@code name} (so "Olena" finds a client whatever
 * field holds it, in any order), the first three letters of each name part under
 * {@code name_prefix} — and their first four, five and six letters — (so a partial name finds
 * candidates, which are then decrypted and filtered),
 * and each {@link SearchMode#EXACT} field's normalised value under {@code f:<key>} (one row per tag).
 *
 * <p>All indexes are sized for {@code strongroom.clients.planned-clients} records (default
 * 100,000): see {@link IndexedField} for the leakage budget that sets their length. Changing the
 * plan means rebuilding the indexes.
 */
@Component
public class ClientIndexes {

    public static final String NAME = "name";
    public static final String NAME_PREFIX = "name_prefix";
    public static final int PREFIX_LENGTH = 3;
    /** The longest beginning of a name part that is indexed (3, 4, 5 and 6 letters are). */
    public static final int LONGEST_PREFIX = 6;

    /** A row of the index table: the index family and the hex index. */
    public record Entry(String indexName, String token) {
    }

    private final BlindIndexes indexes;
    private final long plannedClients;
    private final IndexedField names;
    private final IndexedField prefixes;

    ClientIndexes(BlindIndexes indexes, @Value("${strongroom.clients.planned-clients:100000}") long plannedClients) {
        this.indexes = indexes;
        this.plannedClients = plannedClients;
        this.names = IndexedField.nameTokens("client.name", plannedClients);
        this.prefixes = IndexedField.exact("client.name_prefix", plannedClients);
    }

    public static String exactIndexName(String fieldKey) {
        return "f:" + fieldKey;
    }

    public IndexedField exactField(String fieldKey) {
        return IndexedField.exact("client." + fieldKey, plannedClients);
    }

    public IndexedField nameField() {
        return names;
    }

    public IndexedField prefixField() {
        return prefixes;
    }

    /** The index rows for a client's (normalised, decrypted) values under the current keys. */
    public Set<Entry> entries(List<FieldDefinition> catalogue, Map<String, String> values) {
        Set<Entry> out = new LinkedHashSet<>();
        for (FieldDefinition field : catalogue) {
            String value = values.get(field.key());
            if (value == null || value.isEmpty() || field.searchMode() == SearchMode.NONE) {
                continue;
            }
            if (field.searchMode() == SearchMode.NAME) {
                for (String token : indexes.nameTokens(names, value)) {
                    out.add(new Entry(NAME, token));
                }
                for (String part : PersonNames.tokens(value)) {
                    int length = part.codePointCount(0, part.length());
                    for (int n = PREFIX_LENGTH; n <= Math.min(LONGEST_PREFIX, length); n++) {
                        out.add(new Entry(NAME_PREFIX, indexes.exact(prefixes, prefix(part, n))));
                    }
                }
            } else if (field.type() == FieldType.TAGS) {
                for (String tag : FieldValues.tagsOf(value)) {
                    out.add(new Entry(exactIndexName(field.key()), indexes.exact(exactField(field.key()), FieldValues.normaliseTag(tag))));
                }
            } else {
                out.add(new Entry(exactIndexName(field.key()), indexes.exact(exactField(field.key()), value)));
            }
        }
        return out;
    }

    /** The indexes to look up one exact value with (every key version in use). */
    public Set<String> exactForSearch(String fieldKey, String normalisedValue) {
        return indexes.exactForSearch(exactField(fieldKey), normalisedValue);
    }

    /** The indexes to look up one whole name part with. */
    public Set<String> nameTokenForSearch(String token) {
        return indexes.nameTokensForSearch(names, token);
    }

    /**
     * The indexes of the first three letters of a name part: the widest net, for close spellings
     * (a typo after the third letter still shares them).
     */
    public Set<String> prefixForSearch(String token) {
        return indexes.exactForSearch(prefixes, prefix(token));
    }

    /**
     * The indexes of the longest indexed beginning of a name part (up to six letters), for a
     * partial name typed into search: "kovale" narrows the candidates far more than "kov".
     */
    public Set<String> longPrefixForSearch(String token) {
        return indexes.exactForSearch(prefixes, prefix(token, LONGEST_PREFIX));
    }

    /** The first {@value #PREFIX_LENGTH} code points of a name token. */
    public static String prefix(String token) {
        return prefix(token, PREFIX_LENGTH);
    }

    /** The first {@code n} code points of a name token (all of it when shorter). */
    public static String prefix(String token, int n) {
        int end = token.offsetByCodePoints(0, Math.min(n, token.codePointCount(0, token.length())));
        return token.substring(0, end);
    }
}
