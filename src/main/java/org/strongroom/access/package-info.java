/**
 * Access: roles, permissions, per-client care teams, sensitivity levels, field masking and
 * break-the-glass grants, decided in one place ({@code AccessPolicy}) that every read and write
 * of client data asks. Knows staff by their identity id and clients only by their id.
 */
@ApplicationModule(displayName = "Access", allowedDependencies = {"identity", "crypto"})
@NullMarked
package org.strongroom.access;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
