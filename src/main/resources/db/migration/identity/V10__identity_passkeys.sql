-- Passkeys (WebAuthn). Adapted from Spring Security's documented schema for
-- JdbcPublicKeyCredentialUserEntityRepository (user_entities) and JdbcUserCredentialRepository
-- (user_credentials): times as epoch milliseconds, binary values in ${bytes} (BLOB on SQLite,
-- BYTEA on PostgreSQL), identifiers in base64url text so the same SQL runs on both databases.
-- Nothing here is personal data: the WebAuthn user name is the staff account id (never an email),
-- the label is what the person typed to tell their own passkeys apart.

-- The WebAuthn user entity of a staff account: the random user handle that authenticators keep
-- and return with every assertion.
CREATE TABLE passkey_user (
    user_handle VARCHAR(128) NOT NULL PRIMARY KEY,
    staff_id    VARCHAR(36)  NOT NULL,
    created_at  BIGINT       NOT NULL
);

CREATE UNIQUE INDEX passkey_user_staff_unique ON passkey_user (staff_id);

-- One registered passkey. The attestation object is kept because Spring Security rebuilds the
-- credential's public key from it on every sign-in; the signature counter detects cloned
-- authenticators (a counter that goes backwards is refused).
CREATE TABLE passkey_credential (
    credential_id                VARCHAR(1400) NOT NULL PRIMARY KEY,
    user_handle                  VARCHAR(128)  NOT NULL,
    credential_type              VARCHAR(32)   NOT NULL,
    public_key_cose              ${bytes}      NOT NULL,
    signature_count              BIGINT        NOT NULL,
    uv_initialized               BOOLEAN       NOT NULL,
    backup_eligible              BOOLEAN       NOT NULL,
    backup_state                 BOOLEAN       NOT NULL,
    transports                   VARCHAR(200)  NOT NULL,
    attestation_object           ${bytes}      NOT NULL,
    attestation_client_data_json ${bytes}      NOT NULL,
    label                        VARCHAR(64)   NOT NULL,
    created_at                   BIGINT        NOT NULL,
    last_used_at                 BIGINT,
    CONSTRAINT passkey_credential_user_fk FOREIGN KEY (user_handle)
        REFERENCES passkey_user (user_handle) ON DELETE CASCADE,
    CONSTRAINT passkey_credential_count_not_negative CHECK (signature_count >= 0)
);

CREATE INDEX passkey_credential_user ON passkey_credential (user_handle);
