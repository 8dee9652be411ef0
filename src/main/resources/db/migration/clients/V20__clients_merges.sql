-- Merges of two client records (issue 7): what a merge changed, so it can be undone exactly.
-- No personal data in the clear: the survivor's prior values are ciphertexts under the
-- survivor's own key, bound to (client, merge, field); the rest are ids, versions, statuses,
-- field keys and times.

CREATE TABLE client_merge (
    id                      VARCHAR(36) NOT NULL PRIMARY KEY,
    -- The record that stays (and took values from the other) and the one merged into it.
    survivor_id             VARCHAR(36) NOT NULL,
    merged_id               VARCHAR(36) NOT NULL,
    merged_at               BIGINT      NOT NULL,
    merged_by               VARCHAR(36),
    -- The survivor's version before the merge and the version the merge made: an edit after
    -- it, to a field the merge changed, stops the undo.
    survivor_version_before BIGINT      NOT NULL,
    survivor_version_after  BIGINT      NOT NULL,
    -- The merged record's version and status before it became MERGED.
    merged_version_before   BIGINT      NOT NULL,
    merged_status_before    VARCHAR(12) NOT NULL,
    -- Set once the merge is undone; a merge is undone at most once.
    undone_at               BIGINT,
    undone_by               VARCHAR(36),
    CONSTRAINT client_merge_two_records CHECK (survivor_id <> merged_id),
    CONSTRAINT client_merge_status_known CHECK (merged_status_before IN ('PROSPECT', 'ACTIVE', 'INACTIVE', 'CLOSED'))
);

CREATE INDEX client_merge_survivor ON client_merge (survivor_id, merged_at);
CREATE INDEX client_merge_merged ON client_merge (merged_id, merged_at);

-- The survivor's fields the merge changed, with the value each had before: prior_value NULL
-- when the survivor had none (the merge filled it), else the ciphertext of the old value under
-- the survivor's key, context client_merge/<merge id>/<field key>.
CREATE TABLE client_merge_value (
    merge_id    VARCHAR(36) NOT NULL,
    field_key   VARCHAR(64) NOT NULL,
    prior_value ${bytes},
    PRIMARY KEY (merge_id, field_key)
);
