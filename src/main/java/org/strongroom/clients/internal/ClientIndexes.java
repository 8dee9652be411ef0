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
 * {@code name_prefix} (so a partial name finds candidates, which are then decrypted and filtered),
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
                    if (part.length() >= PREFIX_LENGTH) {
                        out.add(new Entry(NAME_PREFIX, indexes.exact(prefixes, prefix(part))));
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

    /** The indexes to look up the candidates of a partial name part (at least three letters). */
    public Set<String> prefixForSearch(String token) {
        return indexes.exactForSearch(prefixes, prefix(token));
    }

    /** The first {@value #PREFIX_LENGTH} code points of a name token. */
    public static String prefix(String token) {
        int end = token.offsetByCodePoints(0, Math.min(PREFIX_LENGTH, token.codePointCount(0, token.length())));
        return token.substring(0, end);
    }
}
