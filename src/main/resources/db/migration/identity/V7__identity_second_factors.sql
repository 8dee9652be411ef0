-- Second factors: an authenticator app (TOTP, RFC 6238) and recovery codes.

CREATE TABLE staff_totp (
    staff_id        VARCHAR(36) NOT NULL PRIMARY KEY,
    -- The 160-bit seed in use, sealed in the secret box and bound to the account id; NULL until
    -- the first enrolment is confirmed by a code.
    seed_ciphertext ${bytes},
    confirmed_at    BIGINT,
    -- A new seed being enrolled (shown as a QR code), until a code from it confirms it; the seed
    -- in use, if any, keeps working meanwhile.
    pending_seed_ciphertext ${bytes},
    created_at      BIGINT      NOT NULL,
    -- The last 30-second time step whose code was accepted; a code for it or an earlier step is
    -- refused, so a code cannot be used twice.
    last_used_step  BIGINT,
    -- Consecutive wrong codes; at 5 the factor locks until locked_until.
    failed_attempts INTEGER     NOT NULL,
    locked_until    BIGINT
);

-- Ten single-use recovery codes per account, 80 random bits each, stored as SHA-256 digests.
CREATE TABLE staff_recovery_code (
    staff_id    VARCHAR(36) NOT NULL,
    code_digest VARCHAR(64) NOT NULL,
    created_at  BIGINT      NOT NULL,
    used_at     BIGINT,
    PRIMARY KEY (staff_id, code_digest)
);
