/**
 * Identity: staff accounts, the first-run owner setup, passwords (Argon2id), sign-in and the
 * authenticated principal. Multi-factor authentication, passkeys, lockout and API tokens build on
 * it. Knows nothing of clients; other modules know a staff member only by {@link org.strongroom.identity.StaffId}.
 */
@ApplicationModule(displayName = "Identity", allowedDependencies = {"crypto"})
@NullMarked
package org.strongroom.identity;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
