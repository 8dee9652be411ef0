package org.strongroom.identity.internal;

import jakarta.servlet.http.HttpServletRequest;

import org.strongroom.identity.StaffPrincipal;

/**
 * Told by {@link SignIns} when a sign-in has become complete (second factor, recovery code or
 * passkey), after the new session id is issued and the complete authentication is stored.
 */
public interface SignInListener {

    void signInCompleted(StaffPrincipal staff, HttpServletRequest request);
}
