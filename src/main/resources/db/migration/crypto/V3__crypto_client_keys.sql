-- Per-client data keys, only ever stored wrapped (encrypted) by the root key, which lives outside
-- the database. Destroying a client's key deletes its row (secure_delete overwrites the freed
-- page on SQLite) and leaves a tombstone, so "destroyed" is told apart from "never existed" and
-- can be re-applied after a restore.

CREATE TABLE client_key (
    client_id                VARCHAR(36)  NOT NULL PRIMARY KEY,
    primary_version          INTEGER      NOT NULL,
    root_key_id              VARCHAR(100) NOT NULL,
    field_keyset_ciphertext  ${bytes}     NOT NULL,
    stream_keyset_ciphertext ${bytes}     NOT NULL,
    created_at               BIGINT       NOT NULL,
    rotated_at               BIGINT
);

CREATE INDEX client_key_root_key ON client_key (root_key_id);
CREATE INDEX client_key_primary_version ON client_key (primary_version);

CREATE TABLE client_key_tombstone (
    client_id    VARCHAR(36) NOT NULL PRIMARY KEY,
    destroyed_at BIGINT      NOT NULL
);
