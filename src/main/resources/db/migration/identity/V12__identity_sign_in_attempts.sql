-- Every sign-in attempt, successful or not, with the reason: what a person sees under "recent
-- sign-ins" and what the audit trail will read. No email is stored: an attempt on a known account
-- names the account id; an attempt on an unknown email keeps only a keyed, truncated hash of it
-- (a blind index), enough to see that one address was tried many times.

CREATE TABLE sign_in_attempt (
    id             VARCHAR(36) NOT NULL,
    attempted_at   BIGINT      NOT NULL,
    succeeded      BOOLEAN     NOT NULL,
    reason         VARCHAR(40) NOT NULL,
    staff_id       VARCHAR(36),
    email_index    VARCHAR(64),
    source_address VARCHAR(64) NOT NULL,
    browser        VARCHAR(40),
    platform       VARCHAR(40),
    CONSTRAINT sign_in_attempt_pk PRIMARY KEY (id)
);

CREATE INDEX sign_in_attempt_staff_ix ON sign_in_attempt (staff_id, attempted_at);
CREATE INDEX sign_in_attempt_time_ix ON sign_in_attempt (attempted_at);
CREATE INDEX sign_in_attempt_address_ix ON sign_in_attempt (source_address, attempted_at);
