package org.strongroom.audit;

import java.time.Instant;
import java.time.Period;

/**
 * How long entries are kept: {@code strongroom.audit.retention} (default six years, HIPAA's
 * 45 CFR 164.316(b)(2)), never less than {@code strongroom.audit.legal-minimum-retention}, the
 * organisation's own legal minimum (default six years). The server does not start when the
 * retention is below the legal minimum.
 */
public interface AuditRetention {

    /** The configured retention. */
    Period retention();

    /** The organisation's legal minimum. */
    Period legalMinimum();

    /** Entries that occurred before this instant are past the retention at {@code now} (UTC calendar). */
    Instant keepSince(Instant now);
}
