package org.strongroom.identity.internal;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.event.EventListener;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;
import org.strongroom.identity.OwnerSetup;

/**
 * On a server with no owner yet, prints the one-time setup link on the console once the server
 * is listening. The token exists in clear only in that line; the database holds its digest.
 */
@Component
class SetupLinkAnnouncer {

    private static final Logger CONSOLE = LoggerFactory.getLogger("strongroom.setup");

    private final OwnerSetup setup;
    private final Environment environment;

    SetupLinkAnnouncer(OwnerSetup setup, Environment environment) {
        this.setup = setup;
        this.environment = environment;
    }

    @EventListener
    void on(ApplicationReadyEvent event) {
        if (!(event.getApplicationContext() instanceof WebServerApplicationContext web) || web.getWebServer() == null) {
            return;
        }
        setup.issueSetupToken().ifPresent(token -> {
            String base = environment.getProperty("strongroom.public-url", "");
            if (base.isBlank()) {
                base = "https://localhost:" + web.getWebServer().getPort();
            }
            String link = base.replaceAll("/+$", "") + "/setup?token=" + token;
            CONSOLE.warn("""

                    ================================================================================
                     No owner account exists yet. Open this one-time link to create it
                     (valid for 24 hours, single use; a new one is printed at every start):

                       {}

                     Or, without a browser: strongroom init --help
                    ================================================================================""", link);
        });
    }
}
