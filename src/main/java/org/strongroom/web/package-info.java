/**
 * Web: the page shell every module's pages live in — layout, navigation, home page, language and
 * time-zone presentation, error pages — and the HTTP security of the whole application: the
 * filter chain, security headers, allowed methods and cookie rules — and, while the key vault is
 * sealed, the unseal page and the refusal of everything else.
 */
@ApplicationModule(displayName = "Web", allowedDependencies = {"identity", "crypto"})
@NullMarked
package org.strongroom.web;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
