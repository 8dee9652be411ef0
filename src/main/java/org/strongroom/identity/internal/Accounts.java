package org.strongroom.identity.internal;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.strongroom.crypto.BlindIndexes;
import org.strongroom.crypto.IndexedField;
import org.strongroom.crypto.SecretBox;
import org.strongroom.identity.StaffId;
import org.strongroom.identity.StaffProfile;
import org.strongroom.identity.StaffRole;
import org.strongroom.identity.StaffStatus;

/**
 * The {@code staff_member} table and the single-row {@code owner_claim} latch. Email and name are
 * sealed in the secret box, bound to the account id; the email's blind index finds sign-in
 * candidates, which are decrypted and compared, so lookups are exact.
 */
@Repository
public class Accounts {

    /**
     * The email blind index. Sized for 1,024 accounts (9 bits): any index value is shared by
     * about two addresses at that size, so the index alone does not single anyone out.
     */
    static final IndexedField EMAIL = new IndexedField("staff.email", IndexedField.Kind.EXACT, 1024);

    /** A row as needed for signing in. Holds a password hash: never log it. */
    public record Credentials(StaffId id, @Nullable String passwordHash, StaffRole role, StaffStatus status) {
        @Override
        public String toString() {
            return "Credentials[" + id + "]";
        }
    }

    /** A row as shown in the staff list. Contact details are decrypted: never log them. */
    public record Member(StaffId id, String displayName, String email, StaffRole role, StaffStatus status,
                         @Nullable String statusReason, Instant createdAt, @Nullable Instant lastSignInAt) {
        @Override
        public String toString() {
            return "Member[" + id + "]";
        }
    }

    private final JdbcClient jdbc;
    private final SecretBox box;
    private final BlindIndexes indexes;

    Accounts(JdbcClient jdbc, SecretBox box, BlindIndexes indexes) {
        this.jdbc = jdbc;
        this.box = box;
        this.indexes = indexes;
    }

    public boolean ownerExists() {
        return jdbc.sql("SELECT claimed FROM owner_claim WHERE id = 1")
                .query(Boolean.class)
                .single();
    }

    /**
     * Atomically claims the one-time right to create the first owner. Of any number of
     * concurrent callers, on either database, exactly one gets {@code true}.
     */
    public boolean claimOwnership() {
        return jdbc.sql("UPDATE owner_claim SET claimed = TRUE WHERE id = 1 AND claimed = FALSE").update() == 1;
    }

    /** Inserts an account; the email must be normalised and not in use (see {@link #findIdByEmail}). */
    public void insert(StaffId id, String email, String displayName, @Nullable String passwordHash, StaffRole role,
                       StaffStatus status, Instant now) {
        jdbc.sql("""
                INSERT INTO staff_member (id, email_index, email_ciphertext, name_ciphertext, password_hash, role, status,
                                          created_at, status_changed_at)
                VALUES (:id, :emailIndex, :email, :name, :passwordHash, :role, :status, :createdAt, :createdAt)
                """)
                .param("id", id.toString())
                .param("emailIndex", indexes.exact(EMAIL, email))
                .param("email", box.seal(utf8(email), emailContext(id)))
                .param("name", box.seal(utf8(displayName), nameContext(id)))
                .param("passwordHash", passwordHash)
                .param("role", role.name())
                .param("status", status.name())
                .param("createdAt", now.toEpochMilli())
                .update();
    }

    /** The account (in any state but offboarded) with this normalised email. */
    public Optional<StaffId> findIdByEmail(String normalisedEmail) {
        Set<String> candidates = indexes.exactForSearch(EMAIL, normalisedEmail);
        List<Candidate> rows = jdbc.sql("""
                SELECT id, email_ciphertext
                FROM staff_member
                WHERE email_index IN (:indexes)
                """)
                .param("indexes", candidates)
                .query((rs, n) -> new Candidate(StaffId.parse(rs.getString("id")), rs.getBytes("email_ciphertext")))
                .list();
        byte[] wanted = utf8(normalisedEmail);
        StaffId found = null;
        // Every candidate is opened and compared, match or not, so the time depends on the
        // number of candidates only.
        for (Candidate row : rows) {
            if (java.security.MessageDigest.isEqual(box.open(row.emailCiphertext(), emailContext(row.id())), wanted)) {
                found = row.id();
            }
        }
        return Optional.ofNullable(found);
    }

    private record Candidate(StaffId id, byte[] emailCiphertext) {
    }

    public Optional<Credentials> findCredentialsByEmail(String normalisedEmail) {
        return findIdByEmail(normalisedEmail).flatMap(this::findCredentials);
    }

    public Optional<Credentials> findCredentials(StaffId id) {
        return jdbc.sql("SELECT id, password_hash, role, status FROM staff_member WHERE id = :id")
                .param("id", id.toString())
                .query((rs, n) -> new Credentials(StaffId.parse(rs.getString("id")), rs.getString("password_hash"),
                        StaffRole.valueOf(rs.getString("role")), StaffStatus.valueOf(rs.getString("status"))))
                .optional();
    }

    public Optional<StaffProfile> findProfile(StaffId id) {
        return jdbc.sql("""
                SELECT id, name_ciphertext, email_ciphertext, role, status, locale, previous_sign_in_at
                FROM staff_member
                WHERE id = :id
                """)
                .param("id", id.toString())
                .query((rs, n) -> {
                    StaffId staff = StaffId.parse(rs.getString("id"));
                    return new StaffProfile(staff, text(box.open(rs.getBytes("name_ciphertext"), nameContext(staff))),
                            text(box.open(rs.getBytes("email_ciphertext"), emailContext(staff))),
                            StaffRole.valueOf(rs.getString("role")), StaffStatus.valueOf(rs.getString("status")),
                            rs.getString("locale"), instant(rs.getLong("previous_sign_in_at"), rs.wasNull()));
                })
                .optional();
    }

    /** Every account that is not offboarded, decrypted for the staff list. */
    public long countHolding(StaffRole role) {
        return jdbc.sql("SELECT COUNT(*) FROM staff_member WHERE role = ? AND status <> 'OFFBOARDED'")
                .param(role.key()).query(Long.class).single();
    }

    public List<Member> list() {
        return jdbc.sql("""
                SELECT id, name_ciphertext, email_ciphertext, role, status, status_reason, created_at, last_sign_in_at
                FROM staff_member
                WHERE status <> 'OFFBOARDED'
                ORDER BY created_at
                """)
                .query((rs, n) -> {
                    StaffId staff = StaffId.parse(rs.getString("id"));
                    return new Member(staff, text(box.open(rs.getBytes("name_ciphertext"), nameContext(staff))),
                            text(box.open(rs.getBytes("email_ciphertext"), emailContext(staff))),
                            StaffRole.valueOf(rs.getString("role")), StaffStatus.valueOf(rs.getString("status")),
                            rs.getString("status_reason"), Instant.ofEpochMilli(rs.getLong("created_at")),
                            instant(rs.getLong("last_sign_in_at"), rs.wasNull()));
                })
                .list();
    }

    /** Moves the last sign-in to "previous" and records this one. */
    public void recordSignIn(StaffId id, Instant at) {
        jdbc.sql("""
                UPDATE staff_member
                SET previous_sign_in_at = last_sign_in_at, last_sign_in_at = :at
                WHERE id = :id
                """)
                .param("at", at.toEpochMilli())
                .param("id", id.toString())
                .update();
    }

    public void updatePasswordHash(StaffId id, String passwordHash) {
        jdbc.sql("UPDATE staff_member SET password_hash = :hash WHERE id = :id")
                .param("hash", passwordHash)
                .param("id", id.toString())
                .update();
    }

    public void updateName(StaffId id, String displayName) {
        jdbc.sql("UPDATE staff_member SET name_ciphertext = :name WHERE id = :id")
                .param("name", box.seal(utf8(displayName), nameContext(id)))
                .param("id", id.toString())
                .update();
    }

    public void updateRole(StaffId id, StaffRole role) {
        jdbc.sql("UPDATE staff_member SET role = :role WHERE id = :id AND status <> 'OFFBOARDED'")
                .param("role", role.name())
                .param("id", id.toString())
                .update();
    }

    /**
     * Moves an account from one of the expected states to a new one; true if it was in one of
     * them. Offboarding also clears the email index, which frees the address for a new account.
     */
    public boolean changeStatus(StaffId id, Set<StaffStatus> from, StaffStatus to, @Nullable String reason, Instant at) {
        return jdbc.sql("""
                UPDATE staff_member
                SET status = :to, status_reason = :reason, status_changed_at = :at,
                    email_index = CASE WHEN :to = 'OFFBOARDED' THEN NULL ELSE email_index END
                WHERE id = :id AND status IN (:from)
                """)
                .param("to", to.name())
                .param("reason", reason)
                .param("at", at.toEpochMilli())
                .param("id", id.toString())
                .param("from", from.stream().map(Enum::name).toList())
                .update() == 1;
    }

    /**
     * Active accounts whose last sign-in (or, never signed in, creation) is before the cut-off,
     * except owners: an installation must never lock out its last way in by itself.
     */
    public List<StaffId> activeNotSeenSince(Instant cutoff) {
        return jdbc.sql("""
                SELECT id FROM staff_member
                WHERE status = 'ACTIVE' AND role <> 'OWNER'
                  AND COALESCE(last_sign_in_at, created_at) < :cutoff
                """)
                .param("cutoff", cutoff.toEpochMilli())
                .query((rs, n) -> StaffId.parse(rs.getString("id")))
                .list();
    }

    /** Ids of the active owners, for notices. */
    public List<StaffId> activeOwners() {
        return jdbc.sql("SELECT id FROM staff_member WHERE status = 'ACTIVE' AND role = 'OWNER' ORDER BY created_at")
                .query((rs, n) -> StaffId.parse(rs.getString("id")))
                .list();
    }

    public void updateLocale(StaffId id, String languageTag) {
        jdbc.sql("UPDATE staff_member SET locale = :locale WHERE id = :id")
                .param("locale", languageTag)
                .param("id", id.toString())
                .update();
    }

    public Optional<String> findLocale(UUID id) {
        return jdbc.sql("SELECT locale FROM staff_member WHERE id = :id")
                .param("id", id.toString())
                .query(String.class)
                .optional();
    }

    static String emailContext(StaffId id) {
        return "staff-email/" + id;
    }

    static String nameContext(StaffId id) {
        return "staff-name/" + id;
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static String text(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }

    /** Epoch milliseconds to an instant; read with {@code getLong} then {@code wasNull}, which both drivers support. */
    private static @Nullable Instant instant(long epochMillis, boolean wasNull) {
        return wasNull ? null : Instant.ofEpochMilli(epochMillis);
    }
}
