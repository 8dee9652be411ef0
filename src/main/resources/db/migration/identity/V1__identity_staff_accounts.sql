-- Staff accounts and the first-run owner setup.
-- Times are epoch milliseconds (UTC) so the same SQL and the same JDBC binding work on SQLite
-- and PostgreSQL. Ids are UUIDs in canonical text form.

CREATE TABLE staff_account (
    id                  VARCHAR(36)  NOT NULL PRIMARY KEY,
    email               VARCHAR(254) NOT NULL,
    display_name        VARCHAR(200) NOT NULL,
    password_hash       VARCHAR(200) NOT NULL,
    role                VARCHAR(32)  NOT NULL,
    status              VARCHAR(16)  NOT NULL,
    locale              VARCHAR(16),
    created_at          BIGINT       NOT NULL,
    last_sign_in_at     BIGINT,
    previous_sign_in_at BIGINT,
    CONSTRAINT staff_account_role_known CHECK (role IN ('OWNER', 'ADMINISTRATOR', 'STAFF')),
    CONSTRAINT staff_account_status_known CHECK (status IN ('ACTIVE', 'DISABLED'))
);

CREATE UNIQUE INDEX staff_account_email_unique ON staff_account (email);

-- A single-row latch: flipping it from FALSE to TRUE is how exactly one first owner gets created,
-- whether through the setup link or `strongroom init`, even when both race.
CREATE TABLE owner_claim (
    id      INTEGER NOT NULL PRIMARY KEY,
    claimed BOOLEAN NOT NULL,
    CONSTRAINT owner_claim_single_row CHECK (id = 1)
);

INSERT INTO owner_claim (id, claimed) VALUES (1, FALSE);

-- One-time setup tokens, stored only as SHA-256 digests.
CREATE TABLE setup_token (
    token_digest VARCHAR(64) NOT NULL PRIMARY KEY,
    created_at   BIGINT      NOT NULL,
    expires_at   BIGINT      NOT NULL,
    used_at      BIGINT
);
