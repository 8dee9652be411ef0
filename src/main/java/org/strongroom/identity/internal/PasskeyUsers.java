package org.strongroom.identity.internal;

import java.time.Clock;
import java.util.Optional;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.web.webauthn.api.Bytes;
import org.springframework.security.web.webauthn.api.ImmutablePublicKeyCredentialUserEntity;
import org.springframework.security.web.webauthn.api.PublicKeyCredentialUserEntity;
import org.springframework.security.web.webauthn.management.PublicKeyCredentialUserEntityRepository;
import org.springframework.stereotype.Repository;
import org.strongroom.identity.StaffId;

/**
 * The {@code passkey_user} table: the WebAuthn user entity of each staff account that has
 * started registering a passkey. Its name is the staff account id — never an email or a person's
 * name, so nothing personal reaches authenticators, sessions or this table — and its id is the
 * random user handle that authenticators return with each assertion.
 */
@Repository
class PasskeyUsers implements PublicKeyCredentialUserEntityRepository {

    private final JdbcClient jdbc;
    private final Clock clock;

    PasskeyUsers(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    @Override
    public @Nullable PublicKeyCredentialUserEntity findById(Bytes id) {
        return jdbc.sql("SELECT user_handle, staff_id FROM passkey_user WHERE user_handle = :handle")
                .param("handle", id.toBase64UrlString())
                .query((rs, n) -> entity(rs.getString("user_handle"), rs.getString("staff_id")))
                .optional()
                .orElse(null);
    }

    /** The user entity of a staff account, looked up by the account id as text. */
    @Override
    public @Nullable PublicKeyCredentialUserEntity findByUsername(String username) {
        return findHandle(username).map(handle -> entity(handle, username)).orElse(null);
    }

    Optional<String> findHandle(String staffId) {
        return jdbc.sql("SELECT user_handle FROM passkey_user WHERE staff_id = :staffId")
                .param("staffId", staffId)
                .query(String.class)
                .optional();
    }

    /**
     * Stores a new user entity. Its name must be a staff account id: anything else (an email, a
     * person's name) is refused, so no personal data can become a WebAuthn user name.
     */
    @Override
    public void save(PublicKeyCredentialUserEntity userEntity) {
        StaffId staff = StaffId.parse(userEntity.getName());
        if (findHandle(staff.toString()).isPresent()) {
            return;
        }
        jdbc.sql("""
                INSERT INTO passkey_user (user_handle, staff_id, created_at)
                VALUES (:handle, :staffId, :createdAt)
                """)
                .param("handle", userEntity.getId().toBase64UrlString())
                .param("staffId", staff.toString())
                .param("createdAt", clock.millis())
                .update();
    }

    @Override
    public void delete(Bytes id) {
        jdbc.sql("DELETE FROM passkey_user WHERE user_handle = :handle")
                .param("handle", id.toBase64UrlString())
                .update();
    }

    private static PublicKeyCredentialUserEntity entity(String handle, String staffId) {
        // The display name an authenticator shows is the account id too: the name of a person
        // would otherwise sit in the session (creation options) and on the authenticator.
        return ImmutablePublicKeyCredentialUserEntity.builder()
                .id(Bytes.fromBase64(handle))
                .name(staffId)
                .displayName(staffId)
                .build();
    }
}
