-- Keys that belong to the installation rather than to a client (blind-index, audit HMAC,
-- secret-box), one Tink keyset per purpose, only ever stored wrapped by the root key with
-- associated data naming the purpose: a wrapped keyset copied to another purpose's row does not
-- unwrap.

CREATE TABLE system_key (
    purpose           VARCHAR(64)  NOT NULL PRIMARY KEY,
    keyset_ciphertext ${bytes}     NOT NULL,
    root_key_id       VARCHAR(100) NOT NULL,
    created_at        BIGINT       NOT NULL,
    rotated_at        BIGINT
);
