package org.strongroom.audit;

import java.util.Optional;

/**
 * The scheduled verification of the whole trail ({@code strongroom.audit.verify-schedule}, daily
 * at night by default). A broken trail raises an alert: an ERROR log line, mail to every active
 * owner, an {@code audit.verify} entry with outcome {@code failed}, and {@link #latest()} — which
 * pages show as a banner.
 */
public interface VerificationRuns {

    /** The most recent run on any node, if one has finished. */
    Optional<VerificationRun> latest();
}
