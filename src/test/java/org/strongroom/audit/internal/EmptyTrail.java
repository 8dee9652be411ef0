package org.strongroom.audit.internal;

import org.springframework.jdbc.core.simple.JdbcClient;

/** Test set-up: starts a test's trail afresh (entries, checkpoints and head back to genesis). */
final class EmptyTrail {

    private EmptyTrail() {
    }

    static void in(JdbcClient jdbc) {
        jdbc.sql("DELETE FROM audit_entry").update();
        jdbc.sql("DELETE FROM audit_checkpoint").update();
        jdbc.sql("UPDATE audit_head SET seq = 0, mac = NULL WHERE id = 1").update();
    }
}
