-- Long key jobs (rotating every client key) remember when they started, so an interrupted run
-- resumes with the same cut-off instead of starting over.
CREATE TABLE key_rotation_job (
    kind        VARCHAR(32) NOT NULL PRIMARY KEY,
    started_at  BIGINT      NOT NULL,
    finished_at BIGINT
);
