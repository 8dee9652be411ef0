-- Runs of the scheduled verification of the audit trail (audit/internal/ScheduledVerification):
-- one row per finished run, on whichever node ran it; only inserted, never changed. Not part of
-- the chain: each run is also written to the trail as an audit.verify entry. The newest row is what
-- pages show (a banner when the trail was found broken).
CREATE TABLE audit_verification_run (
    id              VARCHAR(36)  NOT NULL PRIMARY KEY,
    started_at      BIGINT       NOT NULL,
    finished_at     BIGINT       NOT NULL,
    -- intact, broken or not_completed
    outcome         VARCHAR(16)  NOT NULL,
    entries_checked BIGINT       NOT NULL,
    -- the first bad sequence number and the break kind (BreakKind, lower case) when broken
    first_bad_seq   BIGINT,
    break_kind      VARCHAR(32)
);

CREATE INDEX audit_verification_run_finished ON audit_verification_run (finished_at);
