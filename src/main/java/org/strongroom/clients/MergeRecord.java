package org.strongroom.clients;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.strongroom.access.CareTeamMember;

/**
 * One merge, as the asker may see it: which record absorbed which, when and by whom, which of the
 * survivor's fields it changed (keys only), whether it was undone, and the people on the merged
 * record's care team who are not on the survivor's — a merge does not change who may see the
 * survivor; the user decides whether to add them (empty when the asker may not read both teams).
 *
 * @param survivor the survivor's identity line, or {@code null} when the asker may not read it
 * @param merged   the merged record's identity line, or {@code null} when the asker may not read it
 */
public record MergeRecord(UUID id, UUID survivorId, UUID mergedId, @Nullable ClientSummary survivor, @Nullable ClientSummary merged,
                          Instant mergedAt, @Nullable String mergedBy, @Nullable Instant undoneAt, @Nullable String undoneBy,
                          List<String> changedFields, List<CareTeamMember> teamNotCarried) {

    public MergeRecord {
        changedFields = List.copyOf(changedFields);
        teamNotCarried = List.copyOf(teamNotCarried);
    }

    public boolean undone() {
        return undoneAt != null;
    }
}
