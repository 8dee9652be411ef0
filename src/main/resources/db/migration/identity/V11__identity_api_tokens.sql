-- Personal access tokens for integrations (Authorization: Bearer srpat_...).
-- Only the SHA-256 digest of a token is stored: the secret is shown once and cannot be recovered
-- from this table. Times are epoch milliseconds (UTC); scopes are space-separated names.
-- staff_id refers to staff_member.id without a foreign key, so that staff_member can still be
-- rebuilt by a later migration on SQLite; a token whose account is missing or not ACTIVE is
-- refused at every use.

CREATE TABLE api_token (
    id           VARCHAR(36)  NOT NULL PRIMARY KEY,
    staff_id     VARCHAR(36)  NOT NULL,
    token_digest VARCHAR(64)  NOT NULL,
    -- The person's name for the token, sealed in the secret box (bound to the token id): labels
    -- are free text and could name a client.
    label_ciphertext ${bytes} NOT NULL,
    scopes       VARCHAR(500) NOT NULL,
    created_at   BIGINT       NOT NULL,
    expires_at   BIGINT       NOT NULL,
    last_used_at BIGINT,
    revoked_at   BIGINT,
    CONSTRAINT api_token_expires_after_creation CHECK (expires_at > created_at)
);

CREATE UNIQUE INDEX api_token_digest_unique ON api_token (token_digest);
CREATE INDEX api_token_staff ON api_token (staff_id, created_at);
