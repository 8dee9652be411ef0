package org.strongroom.identity;

import java.time.Instant;

/**
 * One of a staff member's active sessions as their session list shows it. {@link #reference()}
 * is a digest of the session id that names the session for ending it; the id itself, which is
 * the session's credential, is never shown.
 *
 * @param complete whether the session is fully signed in (not waiting for a second factor)
 * @param current  whether it is the session the list is shown in
 */
public record ActiveSession(String reference, Instant createdAt, Instant lastActiveAt, String sourceAddress,
                            String browser, String platform, boolean complete, boolean current) {
}
