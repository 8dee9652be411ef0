-- Staff accounts with their contact details encrypted.
-- Email and display name are sealed under the secret-box system key (bound to the account id);
-- email sign-in finds candidates through a truncated blind index and compares the decrypted
-- values. The plaintext table staff_account (V1) is no longer written: rows left in it by an
-- earlier version are moved here, encrypted, by LegacyStaffUpgrade at the first unsealed start,
-- and a later release drops it.

CREATE TABLE staff_member (
    id                  VARCHAR(36)  NOT NULL PRIMARY KEY,
    -- Blind index of the normalised email (NULL once the account is offboarded, which frees the address).
    email_index         VARCHAR(64),
    email_ciphertext    ${bytes}     NOT NULL,
    name_ciphertext     ${bytes}     NOT NULL,
    -- Argon2id PHC string; NULL until an invited person sets their password.
    password_hash       VARCHAR(200),
    role                VARCHAR(32)  NOT NULL,
    status              VARCHAR(16)  NOT NULL,
    -- Why the account was disabled: MANUAL or INACTIVE.
    status_reason       VARCHAR(16),
    locale              VARCHAR(16),
    created_at          BIGINT       NOT NULL,
    status_changed_at   BIGINT,
    last_sign_in_at     BIGINT,
    previous_sign_in_at BIGINT,
    CONSTRAINT staff_member_role_known CHECK (role IN ('OWNER', 'ADMINISTRATOR', 'STAFF')),
    CONSTRAINT staff_member_status_known CHECK (status IN ('INVITED', 'ACTIVE', 'DISABLED', 'OFFBOARDED'))
);

CREATE INDEX staff_member_email_index ON staff_member (email_index);
