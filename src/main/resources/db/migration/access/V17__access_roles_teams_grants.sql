-- The access module's own tables. Clients are known by id only (no foreign key: the clients
-- module owns that table). No personal data in the clear: a grant's reason and a review's note
-- are sealed with the client's key (bound to the grant id), so erasing a client erases them too.

-- Custom roles made by owners (built-in roles are defined in code).
CREATE TABLE access_role (
    role_key      VARCHAR(40)   NOT NULL PRIMARY KEY,
    label         VARCHAR(80)   NOT NULL,
    reach         VARCHAR(16)   NOT NULL,
    -- Permission codes separated by single spaces, e.g. 'client.read document.read'.
    permissions   VARCHAR(2000) NOT NULL,
    normal_view   VARCHAR(8)    NOT NULL,
    restricted_view VARCHAR(8)  NOT NULL,
    highly_restricted_view VARCHAR(8) NOT NULL,
    version       BIGINT        NOT NULL,
    created_at    BIGINT        NOT NULL,
    updated_at    BIGINT        NOT NULL,
    updated_by    VARCHAR(36),
    CONSTRAINT access_role_reach_known CHECK (reach IN ('ORGANISATION', 'CARE_TEAM', 'NONE')),
    CONSTRAINT access_role_views_known CHECK (normal_view IN ('FULL', 'MASKED', 'HIDDEN')
        AND restricted_view IN ('FULL', 'MASKED', 'HIDDEN') AND highly_restricted_view IN ('FULL', 'MASKED', 'HIDDEN'))
);

CREATE UNIQUE INDEX access_role_label ON access_role (label);

-- Care teams: who looks after which client, and in what capacity.
CREATE TABLE care_team_member (
    client_id  VARCHAR(36) NOT NULL,
    staff_id   VARCHAR(36) NOT NULL,
    team_role  VARCHAR(16) NOT NULL,
    added_at   BIGINT      NOT NULL,
    added_by   VARCHAR(36),
    PRIMARY KEY (client_id, staff_id),
    CONSTRAINT care_team_member_role_known CHECK (team_role IN ('LEAD', 'MEMBER', 'SUPPORT'))
);

CREATE INDEX care_team_member_staff ON care_team_member (staff_id, client_id);

-- Time-limited grants and break-the-glass grants for one staff member on one client.
CREATE TABLE access_grant (
    id                   VARCHAR(36) NOT NULL PRIMARY KEY,
    client_id            VARCHAR(36) NOT NULL,
    staff_id             VARCHAR(36) NOT NULL,
    kind                 VARCHAR(16) NOT NULL,
    starts_at            BIGINT      NOT NULL,
    expires_at           BIGINT      NOT NULL,
    created_at           BIGINT      NOT NULL,
    created_by           VARCHAR(36),
    renewed_at           BIGINT,
    revoked_at           BIGINT,
    revoked_by           VARCHAR(36),
    reason_ciphertext    ${bytes},
    -- Break-the-glass only: PENDING until a reviewer marks it JUSTIFIED or UNJUSTIFIED.
    review_state         VARCHAR(16),
    reviewed_at          BIGINT,
    reviewed_by          VARCHAR(36),
    review_note_ciphertext ${bytes},
    CONSTRAINT access_grant_kind_known CHECK (kind IN ('GRANT', 'BREAK_GLASS')),
    CONSTRAINT access_grant_period CHECK (expires_at > starts_at),
    CONSTRAINT access_grant_review_known CHECK (review_state IS NULL OR review_state IN ('PENDING', 'JUSTIFIED', 'UNJUSTIFIED'))
);

CREATE INDEX access_grant_staff ON access_grant (staff_id, expires_at, client_id);
CREATE INDEX access_grant_client ON access_grant (client_id, expires_at);
CREATE INDEX access_grant_review ON access_grant (review_state, created_at);
