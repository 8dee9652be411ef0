package org.strongroom.access.internal;

import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.strongroom.identity.StaffId;

/** Loads how one staff member stands to one client, in one indexed query. */
@Repository
class RelationStore {

    private final JdbcClient jdbc;

    RelationStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Relation load(StaffId staff, UUID client, long now) {
        boolean[] facts = new boolean[5];
        jdbc.sql("""
                        SELECT 'TEAM' AS kind, 1 AS live FROM care_team_member WHERE client_id = ? AND staff_id = ?
                        UNION ALL
                        SELECT kind, CASE WHEN revoked_at IS NULL AND starts_at <= ? AND expires_at > ? THEN 1 ELSE 0 END AS live
                        FROM access_grant WHERE client_id = ? AND staff_id = ?""")
                .param(client.toString()).param(staff.toString()).param(now).param(now)
                .param(client.toString()).param(staff.toString())
                .query(rs -> {
                    String kind = rs.getString(1);
                    boolean live = rs.getInt(2) == 1;
                    switch (kind) {
                        case "TEAM" -> facts[0] = true;
                        case "GRANT" -> facts[live ? 1 : 3] = true;
                        case "BREAK_GLASS" -> facts[live ? 2 : 4] = true;
                        default -> { }
                    }
                });
        return new Relation(facts[0], facts[1], facts[2], facts[3] && !facts[1], facts[4] && !facts[2]);
    }
}
