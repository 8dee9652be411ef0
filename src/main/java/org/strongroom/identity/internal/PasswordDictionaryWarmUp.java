package org.strongroom.identity.internal;

import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.strongroom.identity.PasswordRules;

/**
 * Loads the password dictionaries (about half a second of CPU) on a background thread once the
 * server is ready, so the first strength-meter request does not pay for it. Command-line runs
 * skip it; they load the dictionaries only if they check a password.
 */
@Component
class PasswordDictionaryWarmUp {

    @EventListener
    void on(ApplicationReadyEvent event) {
        if (event.getApplicationContext() instanceof WebServerApplicationContext) {
            Thread thread = new Thread(PasswordRules::warmUp, "strongroom-password-dictionaries");
            thread.setDaemon(true);
            thread.setPriority(Thread.MIN_PRIORITY);
            thread.start();
        }
    }
}
