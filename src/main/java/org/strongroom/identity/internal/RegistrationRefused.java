package org.strongroom.identity.internal;

import java.io.Serial;

/**
 * A passkey registration was refused. One opaque refusal for every reason; the cause is kept for
 * debugging and never shown to the browser.
 */
final class RegistrationRefused extends RuntimeException {

    @Serial
    private static final long serialVersionUID = 1L;

    RegistrationRefused(Throwable cause) {
        super("passkey registration refused", cause);
    }
}
