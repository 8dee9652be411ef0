package org.strongroom.clients;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * Two client records side by side, as the asker may see them: each visible field with its two
 * values and whether they agree. Fields the asker may not see at all are left out (a merge still
 * keeps their values: see {@link ClientMerges#merge}).
 *
 * @param mayMerge     whether the asker holds {@code client.merge} on both records
 * @param notMergeable why these two cannot be merged (a message key), or {@code null}
 */
public record MergeComparison(ClientProfile first, ClientProfile second, List<MergeField> fields, boolean mayMerge,
                              @Nullable String notMergeable) {

    public MergeComparison {
        fields = List.copyOf(fields);
    }

    /** The fields whose values differ. */
    public List<MergeField> differing() {
        return fields.stream().filter(f -> f.agreement() == MergeAgreement.DIFFERENT).toList();
    }
}
