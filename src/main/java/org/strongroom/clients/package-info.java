/**
 * Clients: the master index of clients, each client's encrypted profile and its history, the
 * field catalogue (what is kept about clients, why and for how long), search over blind indexes,
 * duplicates and merge, import and export. Every read and write asks {@code AccessPolicy} and is
 * recorded in the audit trail in the same transaction; every personal value is encrypted with the
 * client's own key.
 */
@ApplicationModule(displayName = "Clients", allowedDependencies = {"crypto", "identity", "access", "audit"})
@NullMarked
package org.strongroom.clients;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
