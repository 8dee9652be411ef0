-- Password reset links sent by email. Only the SHA-256 digest of the 256-bit token is stored, so
-- a database reader cannot use a pending link. A link works once (used_at) and for one hour.

CREATE TABLE password_reset (
    token_digest VARCHAR(64) NOT NULL PRIMARY KEY,
    staff_id     VARCHAR(36) NOT NULL REFERENCES staff_member (id) ON DELETE CASCADE,
    created_at   BIGINT      NOT NULL,
    expires_at   BIGINT      NOT NULL,
    used_at      BIGINT
);

CREATE INDEX password_reset_staff ON password_reset (staff_id, created_at);
