package org.strongroom.identity.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.web.webauthn.api.AuthenticatorTransport;
import org.springframework.security.web.webauthn.api.Bytes;
import org.springframework.security.web.webauthn.api.CredentialRecord;
import org.springframework.security.web.webauthn.api.ImmutableCredentialRecord;
import org.springframework.security.web.webauthn.api.ImmutablePublicKeyCose;
import org.springframework.security.web.webauthn.api.PublicKeyCredentialType;
import org.springframework.security.web.webauthn.management.UserCredentialRepository;
import org.springframework.stereotype.Repository;
import org.strongroom.identity.CredentialChanged;
import org.strongroom.identity.StaffId;

/**
 * The {@code passkey_credential} table: registered passkeys, their public keys and signature
 * counters. Updating a counter is a compare-and-set, so two concurrent sign-ins with the same
 * assertion cannot both pass.
 */
@Repository
public class Passkeys implements UserCredentialRepository {

    /** What the passkeys page shows of one passkey. Holds nothing secret. */
    public record Summary(String credentialId, String label, Instant created, @Nullable Instant lastUsed) {
    }

    private static final String COLUMNS = """
            credential_id, user_handle, credential_type, public_key_cose, signature_count, uv_initialized,
            backup_eligible, backup_state, transports, attestation_object, attestation_client_data_json,
            label, created_at, last_used_at""";

    private final JdbcClient jdbc;
    private final Clock clock;
    private final ApplicationEventPublisher events;

    Passkeys(JdbcClient jdbc, Clock clock, ApplicationEventPublisher events) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.events = events;
    }

    @Override
    public @Nullable CredentialRecord findByCredentialId(Bytes credentialId) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM passkey_credential WHERE credential_id = :id")
                .param("id", credentialId.toBase64UrlString())
                .query(Passkeys::record)
                .optional()
                .orElse(null);
    }

    @Override
    public List<CredentialRecord> findByUserId(Bytes userId) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM passkey_credential WHERE user_handle = :handle ORDER BY created_at")
                .param("handle", userId.toBase64UrlString())
                .query(Passkeys::record)
                .list();
    }

    /**
     * Inserts a newly registered passkey, or records a sign-in with an existing one. A sign-in
     * may only move the signature counter forwards (or keep it at zero, for authenticators that
     * do not count); anything else means a cloned authenticator or a replay and is refused.
     *
     * @throws IllegalArgumentException for a new passkey with an unacceptable label
     * @throws IllegalStateException    if the counter would not move forwards
     */
    @Override
    public void save(CredentialRecord record) {
        String id = record.getCredentialId().toBase64UrlString();
        boolean exists = jdbc.sql("SELECT COUNT(*) FROM passkey_credential WHERE credential_id = :id")
                .param("id", id)
                .query(Integer.class)
                .single() > 0;
        if (exists) {
            recordUse(id, record);
        } else {
            insert(id, record);
        }
    }

    private void recordUse(String id, CredentialRecord record) {
        int updated = jdbc.sql("""
                UPDATE passkey_credential
                SET signature_count = :count, uv_initialized = :uv, backup_state = :backupState, last_used_at = :now
                WHERE credential_id = :id
                  AND (signature_count < :count OR (signature_count = 0 AND :count = 0))
                """)
                .param("count", record.getSignatureCount())
                .param("uv", record.isUvInitialized())
                .param("backupState", record.isBackupState())
                .param("now", clock.millis())
                .param("id", id)
                .update();
        if (updated != 1) {
            throw new IllegalStateException("passkey signature counter did not move forwards");
        }
    }

    private void insert(String id, CredentialRecord record) {
        String label = PasskeyLabels.normalise(record.getLabel())
                .orElseThrow(() -> new IllegalArgumentException("label is empty, too long or holds control characters"));
        Bytes attestationObject = record.getAttestationObject();
        Bytes clientData = record.getAttestationClientDataJSON();
        if (attestationObject == null || clientData == null) {
            throw new IllegalArgumentException("attestation object and client data are required");
        }
        jdbc.sql("""
                INSERT INTO passkey_credential (%s)
                VALUES (:id, :handle, :type, :publicKey, :count, :uv, :backupEligible, :backupState, :transports,
                        :attestationObject, :clientData, :label, :createdAt, NULL)
                """.formatted(COLUMNS))
                .param("id", id)
                .param("handle", record.getUserEntityUserId().toBase64UrlString())
                .param("type", record.getCredentialType().getValue())
                .param("publicKey", record.getPublicKey().getBytes())
                .param("count", record.getSignatureCount())
                .param("uv", record.isUvInitialized())
                .param("backupEligible", record.isBackupEligible())
                .param("backupState", record.isBackupState())
                .param("transports", record.getTransports().stream().map(AuthenticatorTransport::getValue)
                        .sorted().collect(Collectors.joining(",")))
                .param("attestationObject", attestationObject.getBytes())
                .param("clientData", clientData.getBytes())
                .param("label", label)
                .param("createdAt", clock.millis())
                .update();
        jdbc.sql("SELECT staff_id FROM passkey_user WHERE user_handle = :handle")
                .param("handle", record.getUserEntityUserId().toBase64UrlString())
                .query(String.class).optional()
                .ifPresent(staff -> events.publishEvent(new CredentialChanged(StaffId.parse(staff),
                        CredentialChanged.Kind.PASSKEY_ADDED, auditId(id))));
    }

    /** Credential ids can be up to 1,023 bytes; the audit trail keeps the first 128 characters. */
    private static String auditId(String credentialId) {
        return credentialId.length() <= 128 ? credentialId : credentialId.substring(0, 128);
    }

    @Override
    public void delete(Bytes credentialId) {
        jdbc.sql("DELETE FROM passkey_credential WHERE credential_id = :id")
                .param("id", credentialId.toBase64UrlString())
                .update();
    }

    /** The passkeys of one staff member, oldest first. */
    public List<Summary> listFor(StaffId staff) {
        return jdbc.sql("""
                SELECT c.credential_id, c.label, c.created_at, c.last_used_at
                FROM passkey_credential c
                JOIN passkey_user u ON u.user_handle = c.user_handle
                WHERE u.staff_id = :staffId
                ORDER BY c.created_at, c.credential_id
                """)
                .param("staffId", staff.toString())
                .query((rs, n) -> new Summary(rs.getString("credential_id"), rs.getString("label"),
                        Instant.ofEpochMilli(rs.getLong("created_at")), instant(rs, "last_used_at")))
                .list();
    }

    /** Whether the staff member has at least one passkey. */
    public boolean hasAny(StaffId staff) {
        return jdbc.sql("""
                SELECT COUNT(*)
                FROM passkey_credential c
                JOIN passkey_user u ON u.user_handle = c.user_handle
                WHERE u.staff_id = :staffId
                """)
                .param("staffId", staff.toString())
                .query(Integer.class)
                .single() > 0;
    }

    /** Removes one of the staff member's own passkeys; {@code false} if they have no such passkey. */
    public boolean removeOwn(StaffId staff, String credentialId) {
        boolean removed = jdbc.sql("""
                DELETE FROM passkey_credential
                WHERE credential_id = :id
                  AND user_handle IN (SELECT user_handle FROM passkey_user WHERE staff_id = :staffId)
                """)
                .param("id", credentialId)
                .param("staffId", staff.toString())
                .update() == 1;
        if (removed) {
            events.publishEvent(new CredentialChanged(staff, CredentialChanged.Kind.PASSKEY_REMOVED, auditId(credentialId)));
        }
        return removed;
    }

    /** Removes every passkey of the staff member, and their WebAuthn user entity (factor reset, offboarding). */
    public void removeAllFor(StaffId staff) {
        jdbc.sql("""
                DELETE FROM passkey_credential
                WHERE user_handle IN (SELECT user_handle FROM passkey_user WHERE staff_id = :staffId)
                """)
                .param("staffId", staff.toString())
                .update();
        jdbc.sql("DELETE FROM passkey_user WHERE staff_id = :staffId")
                .param("staffId", staff.toString())
                .update();
    }

    private static CredentialRecord record(ResultSet rs, int row) throws SQLException {
        Set<AuthenticatorTransport> transports = new LinkedHashSet<>();
        String listed = rs.getString("transports");
        if (!listed.isEmpty()) {
            Arrays.stream(listed.split(",")).map(AuthenticatorTransport::valueOf).forEach(transports::add);
        }
        return ImmutableCredentialRecord.builder()
                .credentialId(Bytes.fromBase64(rs.getString("credential_id")))
                .userEntityUserId(Bytes.fromBase64(rs.getString("user_handle")))
                .credentialType(PublicKeyCredentialType.valueOf(rs.getString("credential_type")))
                .publicKey(new ImmutablePublicKeyCose(rs.getBytes("public_key_cose")))
                .signatureCount(rs.getLong("signature_count"))
                .uvInitialized(rs.getBoolean("uv_initialized"))
                .backupEligible(rs.getBoolean("backup_eligible"))
                .backupState(rs.getBoolean("backup_state"))
                .transports(transports)
                .attestationObject(new Bytes(rs.getBytes("attestation_object")))
                .attestationClientDataJSON(new Bytes(rs.getBytes("attestation_client_data_json")))
                .label(rs.getString("label"))
                .created(Instant.ofEpochMilli(rs.getLong("created_at")))
                .lastUsed(instant(rs, "last_used_at"))
                .build();
    }

    private static @Nullable Instant instant(ResultSet rs, String column) throws SQLException {
        long millis = rs.getLong(column);
        return rs.wasNull() ? null : Instant.ofEpochMilli(millis);
    }
}
