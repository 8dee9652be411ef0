/**
 * Operations: everything the person who installs and runs Strongroom touches — the command line
 * and its subcommands, the data folder, the TLS certificate, start-up checks that turn bad
 * configuration into one clear line, and the hardening of the embedded web server. Later it also
 * owns backup and restore, metrics, version and SBOM. Demo data ({@code demo seed}, {@code serve --demo}) goes
 * through the clients and access services, hence those dependencies.
 */
@ApplicationModule(displayName = "Operations", allowedDependencies = {"identity", "crypto", "audit", "access", "clients", "documents"})
@NullMarked
package org.strongroom.operations;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
