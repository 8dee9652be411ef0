package org.strongroom.audit.internal;

import java.time.Instant;
import java.time.LocalDate;
import java.time.Period;
import java.time.ZoneOffset;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.convert.PeriodStyle;
import org.springframework.stereotype.Component;
import org.strongroom.audit.AuditConfigurationProblem;
import org.strongroom.audit.AuditRetention;

/**
 * {@code strongroom.audit.retention} and {@code strongroom.audit.legal-minimum-retention}, checked
 * when the server starts:
 * <ul>
 * <li>the retention may not be below the legal minimum — the server does not start;</li>
 * <li>the legal minimum defaults to six years (HIPAA, 45 CFR 164.316(b)(2)(i)). An organisation
 * that HIPAA does not bind may lower it deliberately, with a WARN line at every start, but not
 * below one year ({@link #FLOOR}): a trail that is gone before a breach is noticed (months, on
 * average) cannot answer who did what;</li>
 * <li>raising either is always allowed (e.g. a jurisdiction that requires ten years).</li>
 * </ul>
 * Periods are compared by adding them to the same date, so {@code P72M} equals {@code P6Y} and
 * {@code P2190D} is below it. Both ISO-8601 ({@code P6Y}) and Spring's simple form ({@code 6y}) are read.
 */
@Component
class RetentionSettings implements AuditRetention {

    private static final Logger LOG = LoggerFactory.getLogger(RetentionSettings.class);

    /** HIPAA's six years: the default for both settings. */
    static final Period HIPAA = Period.ofYears(6);
    /** The lowest legal minimum accepted at all. */
    static final Period FLOOR = Period.ofYears(1);

    private static final LocalDate REFERENCE = LocalDate.of(2000, 1, 1);

    private final Period retention;
    private final Period legalMinimum;

    RetentionSettings(@Value("${strongroom.audit.retention:P6Y}") String retention,
            @Value("${strongroom.audit.legal-minimum-retention:P6Y}") String legalMinimum) {
        this.retention = parse(retention, "STRONGROOM_AUDIT_RETENTION");
        this.legalMinimum = parse(legalMinimum, "STRONGROOM_AUDIT_LEGAL_MINIMUM_RETENTION");
        if (compare(this.legalMinimum, FLOOR) < 0) {
            throw new AuditConfigurationProblem("the audit trail's legal minimum retention (STRONGROOM_AUDIT_LEGAL_MINIMUM_RETENTION) is "
                    + this.legalMinimum + "; it cannot be below one year (P1Y). The default is six years (P6Y).");
        }
        if (compare(this.retention, this.legalMinimum) < 0) {
            throw new AuditConfigurationProblem("the audit trail's retention (STRONGROOM_AUDIT_RETENTION) is " + this.retention
                    + ", below the organisation's legal minimum " + this.legalMinimum
                    + " (STRONGROOM_AUDIT_LEGAL_MINIMUM_RETENTION). Keep entries at least that long.");
        }
        if (compare(this.legalMinimum, HIPAA) < 0) {
            LOG.warn("The audit trail's legal minimum retention is {}, below HIPAA's six years: right only where HIPAA does not apply",
                    this.legalMinimum);
        }
    }

    @Override
    public Period retention() {
        return retention;
    }

    @Override
    public Period legalMinimum() {
        return legalMinimum;
    }

    @Override
    public Instant keepSince(Instant now) {
        return now.atOffset(ZoneOffset.UTC).minus(retention).toInstant();
    }

    /** Negative, zero or positive as {@code a} is shorter than, as long as, or longer than {@code b}. */
    static int compare(Period a, Period b) {
        return REFERENCE.plus(a).compareTo(REFERENCE.plus(b));
    }

    private static Period parse(String value, String variable) {
        Period period;
        try {
            period = PeriodStyle.detectAndParse(value.strip()).normalized();
        } catch (RuntimeException e) {
            throw new AuditConfigurationProblem(variable + " must be a period such as P6Y or P10Y (ISO-8601), or 6y.");
        }
        if (period.isNegative() || period.isZero() || period.getYears() < 0 || period.getMonths() < 0 || period.getDays() < 0) {
            throw new AuditConfigurationProblem(variable + " must be a positive period such as P6Y.");
        }
        return period;
    }
}
