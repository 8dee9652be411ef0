-- The audit trail (docs/security/audit-format.md). Entries are only ever inserted, by the single
-- appender (audit/internal/AuditEntries), in the transaction of the action they record. Each
-- entry's mac is HMAC(audit chain key, previous entry's mac || canonical encoding of the entry).
--
-- On PostgreSQL an operator takes UPDATE and DELETE away from the application's role after this
-- migration has run (docs/security/audit-revoke-postgres.sql):
--   REVOKE UPDATE, DELETE, TRUNCATE ON audit_entry, audit_checkpoint FROM strongroom_app;
-- (audit_head is updated on every append and keeps its UPDATE right; it is only a lock and a
-- hint: the verifier trusts nothing in it but the sequence number, to notice truncation.)
CREATE TABLE audit_entry (
    -- ${int64_key}: INTEGER on SQLite (64-bit there, and the table's rowid: entries are stored in
    -- sequence order, with no second index), BIGINT on PostgreSQL.
    seq             ${int64_key} NOT NULL PRIMARY KEY,
    occurred_at     BIGINT       NOT NULL,
    actor_type      VARCHAR(16)  NOT NULL,
    actor_id        VARCHAR(256),
    action          VARCHAR(64)  NOT NULL,
    resource_type   VARCHAR(64),
    resource_id     VARCHAR(256),
    client_id       VARCHAR(256),
    outcome         VARCHAR(16)  NOT NULL,
    reason          VARCHAR(64),
    source_address  VARCHAR(256),
    user_agent_hash VARCHAR(256),
    request_id      VARCHAR(256),
    mac             ${bytes}     NOT NULL
);

CREATE INDEX audit_entry_client ON audit_entry (client_id, seq);
CREATE INDEX audit_entry_actor ON audit_entry (actor_id, seq);
CREATE INDEX audit_entry_time ON audit_entry (occurred_at);

-- The chain head: one row, locked by each append (SELECT ... FOR UPDATE on PostgreSQL; on SQLite
-- the immediate transaction already holds the database's write lock). mac NULL means the genesis
-- value (32 zero bytes) before the first entry.
CREATE TABLE audit_head (
    id  INTEGER  NOT NULL PRIMARY KEY,
    seq BIGINT   NOT NULL,
    mac ${bytes}
);

INSERT INTO audit_head (id, seq, mac) VALUES (1, 0, NULL);

-- Signed checkpoints: Ed25519 over the canonical bytes of (seq, head mac, created_at).
CREATE TABLE audit_checkpoint (
    seq        BIGINT       NOT NULL PRIMARY KEY,
    head_mac   ${bytes}     NOT NULL,
    created_at BIGINT       NOT NULL,
    key_id     VARCHAR(64)  NOT NULL,
    signature  ${bytes}     NOT NULL
);
