-- Documents: each client's encrypted document copies. In clear: ids, folder keys, sensitivity,
-- status, version numbers, sizes, detected media types, times and staff ids. Encrypted with the
-- client's key: each document's title, type, date and tags (one JSON value,
-- context document/<id>/metadata) and each version's file name
-- (context document_version/<id>:<n>/file_name). The bytes live in the blob store under
-- storage_key, encrypted as one stream bound to (client, document, version).

-- The organisation's folders, the same set in every client's documents; the owner edits them.
CREATE TABLE document_folder (
    folder_key          VARCHAR(40)  NOT NULL PRIMARY KEY,
    label               VARCHAR(80)  NOT NULL,
    position            INTEGER      NOT NULL,
    default_sensitivity VARCHAR(20)  NOT NULL,
    active              BOOLEAN      NOT NULL,
    version             BIGINT       NOT NULL,
    updated_at          BIGINT       NOT NULL,
    updated_by          VARCHAR(36),
    CONSTRAINT document_folder_sensitivity_known CHECK (default_sensitivity IN ('NORMAL', 'RESTRICTED', 'HIGHLY_RESTRICTED'))
);

INSERT INTO document_folder (folder_key, label, position, default_sensitivity, active, version, updated_at, updated_by) VALUES
    ('identity', 'Identity', 1, 'RESTRICTED', TRUE, 1, 0, NULL),
    ('consents', 'Consents & agreements', 2, 'NORMAL', TRUE, 1, 0, NULL),
    ('correspondence', 'Correspondence', 3, 'NORMAL', TRUE, 1, 0, NULL),
    ('reports', 'Reports', 4, 'RESTRICTED', TRUE, 1, 0, NULL),
    ('financial', 'Financial', 5, 'RESTRICTED', TRUE, 1, 0, NULL),
    ('other', 'Other', 6, 'NORMAL', TRUE, 1, 0, NULL);

CREATE TABLE document (
    id              VARCHAR(36)  NOT NULL PRIMARY KEY,
    client_id       VARCHAR(36)  NOT NULL,
    folder_key      VARCHAR(40)  NOT NULL REFERENCES document_folder (folder_key),
    sensitivity     VARCHAR(20)  NOT NULL,
    -- ACTIVE, TRASHED, DESTROYED
    status          VARCHAR(12)  NOT NULL,
    current_version INTEGER      NOT NULL,
    version_count   INTEGER      NOT NULL,
    -- encrypted JSON {title, type, date, tags}; NULL once destroyed
    metadata        ${bytes},
    created_at      BIGINT       NOT NULL,
    created_by      VARCHAR(36),
    updated_at      BIGINT       NOT NULL,
    updated_by      VARCHAR(36),
    trashed_at      BIGINT,
    trashed_by      VARCHAR(36),
    purge_after     BIGINT,
    destroyed_at    BIGINT,
    row_version     BIGINT       NOT NULL,
    CONSTRAINT document_status_known CHECK (status IN ('ACTIVE', 'TRASHED', 'DESTROYED')),
    CONSTRAINT document_sensitivity_known CHECK (sensitivity IN ('NORMAL', 'RESTRICTED', 'HIGHLY_RESTRICTED')),
    CONSTRAINT document_trash_has_purge_time CHECK (status <> 'TRASHED' OR purge_after IS NOT NULL)
);

CREATE INDEX document_client ON document (client_id, status);
CREATE INDEX document_purge ON document (status, purge_after);

CREATE TABLE document_version (
    document_id       VARCHAR(36)  NOT NULL REFERENCES document (id),
    version           INTEGER      NOT NULL,
    -- the blob store key of the encrypted stream (a restore shares its source's); NULL once destroyed
    storage_key       VARCHAR(200),
    -- the version whose stream this one uses (itself, or an older one it restores)
    stream_version    INTEGER      NOT NULL,
    size              BIGINT       NOT NULL,
    stored_size       BIGINT       NOT NULL,
    media_type        VARCHAR(100) NOT NULL,
    -- encrypted; NULL once destroyed
    file_name         ${bytes},
    metadata_stripped BOOLEAN      NOT NULL,
    scanned           BOOLEAN      NOT NULL,
    restored_from     INTEGER,
    created_at        BIGINT       NOT NULL,
    created_by        VARCHAR(36),
    PRIMARY KEY (document_id, version)
);

CREATE INDEX document_version_storage ON document_version (storage_key);
