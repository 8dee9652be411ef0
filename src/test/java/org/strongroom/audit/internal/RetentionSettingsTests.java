package org.strongroom.audit.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.Period;

import org.junit.jupiter.api.Test;
import org.strongroom.audit.AuditConfigurationProblem;

/** Retention: six years by default, never below the organisation's legal minimum, which is never below one year. */
class RetentionSettingsTests {

    @Test
    void defaultsToSixYearsForBoth() {
        RetentionSettings settings = new RetentionSettings("P6Y", "P6Y");
        assertThat(settings.retention()).isEqualTo(Period.ofYears(6));
        assertThat(settings.legalMinimum()).isEqualTo(Period.ofYears(6));
        assertThat(settings.keepSince(Instant.parse("2026-11-30T02:41:00Z"))).isEqualTo(Instant.parse("2020-11-30T02:41:00Z"));
    }

    @Test
    void retentionBelowTheLegalMinimumIsRefusedWithOneClearLine() {
        assertThatThrownBy(() -> new RetentionSettings("P5Y", "P6Y"))
                .isInstanceOf(AuditConfigurationProblem.class)
                .hasMessage("the audit trail's retention (STRONGROOM_AUDIT_RETENTION) is P5Y, below the organisation's legal "
                        + "minimum P6Y (STRONGROOM_AUDIT_LEGAL_MINIMUM_RETENTION). Keep entries at least that long.");
        // 2190 days are a little less than six calendar years
        assertThatThrownBy(() -> new RetentionSettings("P2190D", "P6Y")).isInstanceOf(AuditConfigurationProblem.class);
        assertThatThrownBy(() -> new RetentionSettings("P8Y", "P10Y")).isInstanceOf(AuditConfigurationProblem.class);
    }

    @Test
    void longerRetentionsAndHigherMinimumsAreAccepted() {
        assertThat(new RetentionSettings("P10Y", "P10Y").retention()).isEqualTo(Period.ofYears(10));
        assertThat(new RetentionSettings("P72M", "P6Y").retention()).isEqualTo(Period.ofYears(6));
        assertThat(new RetentionSettings("7y", "P6Y").retention()).isEqualTo(Period.ofYears(7));
    }

    @Test
    void aLowerLegalMinimumIsAllowedDownToOneYear() {
        assertThat(new RetentionSettings("P2Y", "P2Y").retention()).isEqualTo(Period.ofYears(2));
        assertThat(new RetentionSettings("P1Y", "P1Y").legalMinimum()).isEqualTo(Period.ofYears(1));
        assertThatThrownBy(() -> new RetentionSettings("P30D", "P30D"))
                .isInstanceOf(AuditConfigurationProblem.class).hasMessageContaining("cannot be below one year");
    }

    @Test
    void malformedOrNonPositivePeriodsAreRefused() {
        assertThatThrownBy(() -> new RetentionSettings("six years", "P6Y"))
                .isInstanceOf(AuditConfigurationProblem.class).hasMessageContaining("STRONGROOM_AUDIT_RETENTION must be a period");
        assertThatThrownBy(() -> new RetentionSettings("P6Y", "P-6Y"))
                .isInstanceOf(AuditConfigurationProblem.class).hasMessageContaining("STRONGROOM_AUDIT_LEGAL_MINIMUM_RETENTION");
        assertThatThrownBy(() -> new RetentionSettings("P0D", "P6Y")).isInstanceOf(AuditConfigurationProblem.class);
    }
}
