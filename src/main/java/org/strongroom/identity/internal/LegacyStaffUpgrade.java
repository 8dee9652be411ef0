package org.strongroom.identity.internal;

import java.time.Instant;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import org.strongroom.crypto.KeyManagement;
import org.strongroom.identity.StaffId;
import org.strongroom.identity.StaffRole;
import org.strongroom.identity.StaffStatus;

/**
 * Moves accounts written by version 0.1 (email and name in clear, table {@code staff_account})
 * into {@code staff_member}, encrypted, and deletes the clear rows — in one transaction, at the
 * first start with an unsealed vault. On SQLite, secure_delete overwrites the freed pages.
 */
@Component
class LegacyStaffUpgrade {

    private static final Logger LOG = LoggerFactory.getLogger(LegacyStaffUpgrade.class);

    private record Legacy(String id, String email, String name, String hash, String role, String status, String locale,
                          long createdAt, Long lastSignInAt, Long previousSignInAt) {
        @Override
        public String toString() {
            return "Legacy[" + id + "]";
        }
    }

    private final JdbcClient jdbc;
    private final Accounts accounts;
    private final KeyManagement keys;
    private final TransactionTemplate transactions;

    LegacyStaffUpgrade(JdbcClient jdbc, Accounts accounts, KeyManagement keys, TransactionTemplate transactions) {
        this.jdbc = jdbc;
        this.accounts = accounts;
        this.keys = keys;
        this.transactions = transactions;
    }

    @EventListener(ApplicationReadyEvent.class)
    void upgrade() {
        if (keys.isSealed()) {
            return;
        }
        Integer moved = transactions.execute(status -> {
            List<Legacy> rows = jdbc.sql("""
                    SELECT id, email, display_name, password_hash, role, status, locale, created_at,
                           last_sign_in_at, previous_sign_in_at
                    FROM staff_account
                    """)
                    .query((rs, n) -> new Legacy(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                            rs.getString(5), rs.getString(6), rs.getString(7), rs.getLong(8),
                            (Long) rs.getObject(9, Long.class), (Long) rs.getObject(10, Long.class)))
                    .list();
            for (Legacy row : rows) {
                StaffId id = StaffId.parse(row.id());
                accounts.insert(id, row.email(), row.name(), row.hash(), StaffRole.valueOf(row.role()),
                        StaffStatus.valueOf(row.status()), Instant.ofEpochMilli(row.createdAt()));
                jdbc.sql("""
                        UPDATE staff_member SET locale = :locale, last_sign_in_at = :last, previous_sign_in_at = :previous
                        WHERE id = :id
                        """)
                        .param("locale", row.locale()).param("last", row.lastSignInAt())
                        .param("previous", row.previousSignInAt()).param("id", row.id())
                        .update();
            }
            jdbc.sql("DELETE FROM staff_account").update();
            return rows.size();
        });
        if (moved != null && moved > 0) {
            LOG.info("Encrypted the contact details of {} staff accounts from an earlier version", moved);
        }
    }
}
