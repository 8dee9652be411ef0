/**
 * Crypto: keys and their hierarchy, field encryption, blind indexes, document streams, rotation
 * and sealing — the only code that touches Tink. It also holds the normalisers (emails, phone
 * numbers, national ids, person names) whose output is what gets blind-indexed, and the random
 * tokens that links and invitations are built on. Its public API uses no Spring and no Tink types,
 * so it can be reviewed and tested on its own.
 */
@ApplicationModule(displayName = "Crypto", allowedDependencies = {})
@NullMarked
package org.strongroom.crypto;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
