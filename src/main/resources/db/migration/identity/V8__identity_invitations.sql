-- Invitations: an account is created in state INVITED; the invited person sets their password
-- through a one-time link (256-bit token, stored only as its SHA-256 digest, single use, 72 h).

CREATE TABLE staff_invitation (
    token_digest VARCHAR(64) NOT NULL PRIMARY KEY,
    staff_id     VARCHAR(36) NOT NULL,
    -- Who invited (NULL when invited from the command line on the server).
    invited_by   VARCHAR(36),
    created_at   BIGINT      NOT NULL,
    expires_at   BIGINT      NOT NULL,
    used_at      BIGINT
);

CREATE INDEX staff_invitation_staff ON staff_invitation (staff_id);
