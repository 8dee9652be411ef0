-- Imports of clients from files (CSV, vCard, Google and Outlook exports). The file itself and the
-- values in it are never stored here: an import keeps its settings, counts and state, and its
-- report keeps a row number, a field key and a message key per problem — never a value. The
-- clients it created carry its id in client.import_id (so that undoing it finds them).
-- (named _job: the index client_import on client.import_id already holds the shorter name)
CREATE TABLE client_import_job (
    id            VARCHAR(36) NOT NULL PRIMARY KEY,
    started_by    VARCHAR(36),
    started_at    BIGINT      NOT NULL,
    finished_at   BIGINT,
    -- csv, vcard, google, outlook
    layout        VARCHAR(12) NOT NULL,
    -- ALL_OR_NOTHING or SKIP_BAD_ROWS
    mode          VARCHAR(16) NOT NULL,
    -- RUNNING, FINISHED, REJECTED (all-or-nothing with bad rows: nothing created), FAILED,
    -- INTERRUPTED (the server stopped during it), UNDONE
    state         VARCHAR(12) NOT NULL,
    rows_total    INTEGER     NOT NULL,
    created_count INTEGER     NOT NULL,
    bad_rows      INTEGER     NOT NULL,
    duplicate_rows INTEGER    NOT NULL,
    -- rows left out as duplicates (when the importer chose to leave them out)
    skipped_duplicates INTEGER NOT NULL,
    problem_count INTEGER     NOT NULL,
    undone_at     BIGINT,
    undone_by     VARCHAR(36),
    removed_count INTEGER     NOT NULL,
    -- clients kept by the undo because they were changed after the import
    kept_count    INTEGER     NOT NULL,
    CONSTRAINT client_import_job_state_known CHECK (state IN ('RUNNING', 'FINISHED', 'REJECTED', 'FAILED', 'INTERRUPTED', 'UNDONE')),
    CONSTRAINT client_import_job_mode_known CHECK (mode IN ('ALL_OR_NOTHING', 'SKIP_BAD_ROWS'))
);

CREATE INDEX client_import_job_started ON client_import_job (started_at);

-- The line-by-line report: where and what, never the value.
CREATE TABLE client_import_problem (
    import_id   VARCHAR(36) NOT NULL,
    row_number  INTEGER     NOT NULL,
    -- a catalogue field key, or row / file
    field_key   VARCHAR(64) NOT NULL,
    message_key VARCHAR(80) NOT NULL,
    PRIMARY KEY (import_id, row_number, field_key, message_key)
);
