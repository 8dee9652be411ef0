package org.strongroom.clients;

import java.util.List;
import java.util.Map;

import org.strongroom.access.Visibility;

/**
 * One line of the data inventory: a catalogue field with its live numbers. Counts only — never a
 * value.
 *
 * @param filled      how many clients (merged records left out) have a value
 * @param fillRate    {@code filled} over all clients, 0–1 (0 when there are no clients)
 * @param visibility  for each role key of the report, how much of this field the role sees
 *                    ({@link Visibility#HIDDEN} for a role without {@code client.read})
 * @param reveals     how often a masked value of this field was revealed in the report's window
 */
public record InventoryField(FieldDefinition field, long filled, double fillRate, Map<String, Visibility> visibility,
                             long reveals, List<InventorySuggestion> suggestions) {

    public InventoryField {
        visibility = Map.copyOf(visibility);
        suggestions = List.copyOf(suggestions);
    }

    /** The fill rate as a whole percentage, rounded down (so "1 of 3" is 33, and a single value is never shown as 0 unless it is). */
    public int percent() {
        if (filled > 0 && fillRate < 0.01) {
            return 1;
        }
        return (int) Math.floor(fillRate * 100);
    }

    public boolean candidate() {
        return !suggestions.isEmpty();
    }
}
