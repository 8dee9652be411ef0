-- The clients module: the field catalogue, the master index and each client's encrypted profile.
-- Plaintext columns are limited to ids, reference numbers, statuses, timestamps, staff ids,
-- catalogue settings (which describe fields, not people) and blind indexes. Every personal value
-- is a ciphertext under the client's own key, bound to (client, record, field).

-- The catalogue of fields kept about clients ("know what data you keep, and why").
CREATE TABLE client_field_definition (
    field_key     VARCHAR(64)   NOT NULL PRIMARY KEY,
    -- NULL for built-in fields (their label comes from the message bundles).
    label         VARCHAR(120),
    field_type    VARCHAR(16)   NOT NULL,
    sensitivity   VARCHAR(20)   NOT NULL,
    category      VARCHAR(16)   NOT NULL,
    purpose       VARCHAR(1000),
    required      INTEGER       NOT NULL,
    search_mode   VARCHAR(8)    NOT NULL,
    -- ISO-8601 period after the record is closed, e.g. P7Y; NULL: kept while the record is kept.
    retention     VARCHAR(16),
    enabled       INTEGER       NOT NULL,
    built_in      INTEGER       NOT NULL,
    position      INTEGER       NOT NULL,
    -- Choices of a CHOICE field, one per line (labels of options, not personal data).
    choices       VARCHAR(4000),
    version       BIGINT        NOT NULL,
    updated_at    BIGINT        NOT NULL,
    updated_by    VARCHAR(36),
    CONSTRAINT client_field_type_known CHECK (field_type IN ('TEXT', 'LONG_TEXT', 'EMAIL', 'PHONE', 'DATE', 'ADDRESS',
        'CHOICE', 'NUMBER', 'NATIONAL_ID', 'TAGS')),
    CONSTRAINT client_field_sensitivity_known CHECK (sensitivity IN ('NORMAL', 'RESTRICTED', 'HIGHLY_RESTRICTED')),
    CONSTRAINT client_field_category_known CHECK (category IN ('IDENTITY', 'CONTACT', 'HEALTH', 'FINANCIAL', 'GOVERNMENT_ID', 'OTHER')),
    CONSTRAINT client_field_search_known CHECK (search_mode IN ('EXACT', 'NAME', 'NONE')),
    CONSTRAINT client_field_flags CHECK (required IN (0, 1) AND enabled IN (0, 1) AND built_in IN (0, 1)),
    -- "a field without a purpose cannot be enabled"
    CONSTRAINT client_field_enabled_has_purpose CHECK (enabled = 0 OR purpose IS NOT NULL)
);

-- One row per client: identity, lifecycle and concurrency; no personal data.
CREATE TABLE client (
    id              VARCHAR(36)  NOT NULL PRIMARY KEY,
    reference       VARCHAR(40)  NOT NULL,
    status          VARCHAR(12)  NOT NULL,
    version         BIGINT       NOT NULL,
    created_at      BIGINT       NOT NULL,
    created_by      VARCHAR(36),
    updated_at      BIGINT       NOT NULL,
    updated_by      VARCHAR(36),
    closed_at       BIGINT,
    last_touched_at BIGINT       NOT NULL,
    -- Set while the record is merged into another (the survivor); such a record is not listed.
    merged_into     VARCHAR(36),
    -- The import that created the record (for undoing a whole import).
    import_id       VARCHAR(36),
    CONSTRAINT client_status_known CHECK (status IN ('PROSPECT', 'ACTIVE', 'INACTIVE', 'CLOSED', 'MERGED'))
);

CREATE UNIQUE INDEX client_reference ON client (reference);
CREATE INDEX client_touched ON client (last_touched_at, id);
CREATE INDEX client_status_touched ON client (status, last_touched_at, id);
CREATE INDEX client_import ON client (import_id);

-- The per-year (or per-prefix) counters behind reference numbers such as C-2026-00042.
CREATE TABLE client_reference_counter (
    scope      VARCHAR(40) NOT NULL PRIMARY KEY,
    next_value BIGINT      NOT NULL
);

-- Profile values: one ciphertext per client and field (context client/<id>/<field>).
CREATE TABLE client_value (
    client_id  VARCHAR(36) NOT NULL,
    field_key  VARCHAR(64) NOT NULL,
    ciphertext ${bytes}    NOT NULL,
    updated_at BIGINT      NOT NULL,
    updated_by VARCHAR(36),
    PRIMARY KEY (client_id, field_key)
);

-- Every change of a value: who, when, old and new (both ciphertexts, bound to the history row).
CREATE TABLE client_value_history (
    id         VARCHAR(36) NOT NULL PRIMARY KEY,
    client_id  VARCHAR(36) NOT NULL,
    field_key  VARCHAR(64) NOT NULL,
    -- Groups the values changed by one save.
    change_id  VARCHAR(36) NOT NULL,
    changed_at BIGINT      NOT NULL,
    changed_by VARCHAR(36),
    -- The record's version this change produced (a stale edit lists the fields changed since).
    client_version BIGINT  NOT NULL,
    -- What caused it: edit, create, import, merge, unmerge, close, reopen.
    cause      VARCHAR(16) NOT NULL,
    old_value  ${bytes},
    new_value  ${bytes}
);

CREATE INDEX client_value_history_client ON client_value_history (client_id, changed_at);

-- Blind indexes (truncated keyed hashes) for search and duplicate detection. index_name is the
-- family: name, name_prefix (first three letters of each name part), or f:<field key> for an
-- exact field (f:email, f:phone, f:date_of_birth, f:national_id, f:tags — one row per tag);
-- token the hex index.
CREATE TABLE client_search_index (
    index_name VARCHAR(48) NOT NULL,
    token      VARCHAR(64) NOT NULL,
    client_id  VARCHAR(36) NOT NULL,
    PRIMARY KEY (index_name, token, client_id)
);

CREATE INDEX client_search_index_client ON client_search_index (client_id);

-- The default catalogue: what most practices need, and nothing they do not ("collect only
-- essential data"). Fields that only some businesses need ship switched off. The owner edits
-- purposes, retention and what is on.
INSERT INTO client_field_definition (field_key, label, field_type, sensitivity, category, purpose, required, search_mode, retention, enabled, built_in, position, choices, version, updated_at, updated_by) VALUES
('given_name', NULL, 'TEXT', 'NORMAL', 'IDENTITY', 'To know who the client is and address them correctly.', 1, 'NAME', NULL, 1, 1, 10, NULL, 1, 0, NULL),
('family_name', NULL, 'TEXT', 'NORMAL', 'IDENTITY', 'To know who the client is and tell clients with the same given name apart.', 1, 'NAME', NULL, 1, 1, 20, NULL, 1, 0, NULL),
('preferred_name', NULL, 'TEXT', 'NORMAL', 'IDENTITY', 'To address the client by the name they use.', 0, 'NAME', NULL, 1, 1, 30, NULL, 1, 0, NULL),
('date_of_birth', NULL, 'DATE', 'NORMAL', 'IDENTITY', 'To confirm identity and tell clients with the same name apart.', 0, 'EXACT', NULL, 1, 1, 40, NULL, 1, 0, NULL),
('email', NULL, 'EMAIL', 'NORMAL', 'CONTACT', 'To contact the client and send appointment reminders.', 0, 'EXACT', NULL, 1, 1, 50, NULL, 1, 0, NULL),
('phone', NULL, 'PHONE', 'NORMAL', 'CONTACT', 'To contact the client and send appointment reminders.', 0, 'EXACT', NULL, 1, 1, 60, NULL, 1, 0, NULL),
('address', NULL, 'ADDRESS', 'NORMAL', 'CONTACT', 'To send letters and invoices the client asked for by post.', 0, 'NONE', NULL, 1, 1, 70, NULL, 1, 0, NULL),
('emergency_contact', NULL, 'TEXT', 'RESTRICTED', 'CONTACT', 'To reach someone the client named if their safety is at risk.', 0, 'NONE', NULL, 1, 1, 80, NULL, 1, 0, NULL),
('alerts', NULL, 'LONG_TEXT', 'RESTRICTED', 'HEALTH', 'To warn staff of risks or needs before they meet the client (allergies, access needs, safety).', 0, 'NONE', NULL, 1, 1, 90, NULL, 1, 0, NULL),
('tags', NULL, 'TAGS', 'NORMAL', 'OTHER', 'To group clients for the practice''s own work lists.', 0, 'EXACT', NULL, 1, 1, 100, NULL, 1, 0, NULL),
('referral_source', NULL, 'TEXT', 'NORMAL', 'OTHER', 'To know how clients found the practice.', 0, 'NONE', 'P2Y', 1, 1, 110, NULL, 1, 0, NULL),
('pronouns', NULL, 'TEXT', 'NORMAL', 'IDENTITY', NULL, 0, 'NONE', NULL, 0, 1, 120, NULL, 1, 0, NULL),
('national_id', NULL, 'NATIONAL_ID', 'RESTRICTED', 'GOVERNMENT_ID', NULL, 0, 'EXACT', NULL, 0, 1, 130, NULL, 1, 0, NULL),
('insurance_number', NULL, 'TEXT', 'RESTRICTED', 'FINANCIAL', NULL, 0, 'NONE', NULL, 0, 1, 140, NULL, 1, 0, NULL),
('occupation', NULL, 'TEXT', 'NORMAL', 'OTHER', NULL, 0, 'NONE', NULL, 0, 1, 150, NULL, 1, 0, NULL);
