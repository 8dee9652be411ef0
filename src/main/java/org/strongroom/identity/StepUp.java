package org.strongroom.identity;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

import org.jspecify.annotations.Nullable;

import jakarta.servlet.http.HttpSession;

/**
 * Step-up for sensitive operations in other modules: whether the session's last second factor is
 * recent enough (within {@code strongroom.identity.step-up-window}, 5 minutes by default), and the
 * page that asks for a fresh one.
 */
public interface StepUp {

    /** Whether the last second factor of this session is recent enough for a sensitive operation. */
    boolean isFresh(@Nullable HttpSession session);

    /** The step-up page, which returns to {@code continuePath} (a local path, query allowed) after a fresh factor. */
    static String challengePath(String continuePath) {
        return "/mfa/challenge?stepUp&continue=" + URLEncoder.encode(continuePath, StandardCharsets.UTF_8);
    }
}
