package org.strongroom.crypto;

import org.strongroom.crypto.internal.EphemeralHmac;

/**
 * Keyed digests under a key that lives only in this process's memory (made at random when the
 * instance is created, never stored): for counters and caches keyed by something personal, such
 * as a submitted email address, which must not be kept in clear even in memory dumps or logs and
 * need not survive a restart. Equal inputs give equal digests within one instance only.
 */
public final class EphemeralDigests {

    private final EphemeralHmac hmac = new EphemeralHmac();

    /** HMAC-SHA256 of the UTF-8 text under this instance's key, URL-safe base64 without padding. */
    public String digest(String text) {
        return hmac.digest(text);
    }
}
