package org.strongroom.operations.internal;

import java.nio.file.Path;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.strongroom.StrongroomApplication;
import org.strongroom.audit.ActorType;
import org.strongroom.audit.AuditEvent;
import org.strongroom.audit.AuditTrail;
import org.strongroom.audit.Outcome;

/** A data folder's audit trail for the audit command tests. */
final class TrailFixture {

    private TrailFixture() {
    }

    /**
     * Records {@code count} entries ({@code test.append}, clients {@code client-1} …) through a
     * short-lived context, as the server would; its stop writes a checkpoint.
     */
    static void appendEntries(Path folder, int count) {
        SpringApplication app = new SpringApplication(StrongroomApplication.class);
        app.setWebApplicationType(WebApplicationType.NONE);
        try (ConfigurableApplicationContext context = app.run("--strongroom.data-dir=" + folder,
                "--strongroom.lock-data-dir=false", "--spring.main.banner-mode=off")) {
            AuditTrail trail = context.getBean(AuditTrail.class);
            TransactionTemplate tx = new TransactionTemplate(context.getBean(PlatformTransactionManager.class));
            for (int i = 1; i <= count; i++) {
                int n = i;
                tx.executeWithoutResult(s -> trail.record(AuditEvent.of(ActorType.SYSTEM, null, "test.append", Outcome.SUCCEEDED)
                        .withClient("client-" + n)));
            }
        }
    }
}
