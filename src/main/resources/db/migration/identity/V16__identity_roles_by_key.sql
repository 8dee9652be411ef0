-- Roles move to the access module: a staff account now holds a role key (built-in or an owner's
-- custom role), so the fixed list of V6 gives way to a check on the key's shape. SQLite cannot
-- drop a constraint, so the table is rebuilt (the same statements run on PostgreSQL).
-- password_reset is the one table with a foreign key to staff_member: its rows are kept aside
-- and put back.

CREATE TABLE password_reset_kept AS SELECT token_digest, staff_id, created_at, expires_at, used_at FROM password_reset;
DROP TABLE password_reset;

CREATE TABLE staff_member_by_key (
    id                  VARCHAR(36)  NOT NULL PRIMARY KEY,
    email_index         VARCHAR(64),
    email_ciphertext    ${bytes}     NOT NULL,
    name_ciphertext     ${bytes}     NOT NULL,
    password_hash       VARCHAR(200),
    role                VARCHAR(40)  NOT NULL,
    status              VARCHAR(16)  NOT NULL,
    status_reason       VARCHAR(16),
    locale              VARCHAR(16),
    created_at          BIGINT       NOT NULL,
    status_changed_at   BIGINT,
    last_sign_in_at     BIGINT,
    previous_sign_in_at BIGINT,
    CONSTRAINT staff_member_role_key CHECK (LENGTH(role) BETWEEN 2 AND 40 AND UPPER(role) = role),
    CONSTRAINT staff_member_status_known CHECK (status IN ('INVITED', 'ACTIVE', 'DISABLED', 'OFFBOARDED'))
);

INSERT INTO staff_member_by_key (id, email_index, email_ciphertext, name_ciphertext, password_hash, role, status,
                                 status_reason, locale, created_at, status_changed_at, last_sign_in_at, previous_sign_in_at)
SELECT id, email_index, email_ciphertext, name_ciphertext, password_hash, role, status,
       status_reason, locale, created_at, status_changed_at, last_sign_in_at, previous_sign_in_at
FROM staff_member;

DROP TABLE staff_member;
ALTER TABLE staff_member_by_key RENAME TO staff_member;
CREATE INDEX staff_member_email_index ON staff_member (email_index);
CREATE INDEX staff_member_role ON staff_member (role);

CREATE TABLE password_reset (
    token_digest VARCHAR(64) NOT NULL PRIMARY KEY,
    staff_id     VARCHAR(36) NOT NULL REFERENCES staff_member (id) ON DELETE CASCADE,
    created_at   BIGINT      NOT NULL,
    expires_at   BIGINT      NOT NULL,
    used_at      BIGINT
);
INSERT INTO password_reset (token_digest, staff_id, created_at, expires_at, used_at)
SELECT token_digest, staff_id, created_at, expires_at, used_at FROM password_reset_kept;
DROP TABLE password_reset_kept;
CREATE INDEX password_reset_staff ON password_reset (staff_id, created_at);
