/**
 * Audit: the append-only, hash-chained and signed trail of every access and change — who, what,
 * which client, when, from where, why and with what outcome — its checkpoints, verification,
 * queries and export. Reads of client data fail closed when their entry cannot be written.
 */
@ApplicationModule(displayName = "Audit", allowedDependencies = {"crypto", "identity", "access"})
@NullMarked
package org.strongroom.audit;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
