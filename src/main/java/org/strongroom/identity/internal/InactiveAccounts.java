package org.strongroom.identity.internal;

import java.time.Clock;
import java.time.Duration;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.strongroom.identity.StaffAdministration;
import org.strongroom.identity.StaffId;

/**
 * Disables accounts nobody has signed in to for {@code strongroom.identity.inactivity-limit}
 * (default 90 days), every night; owners are never disabled this way. Owners are told (the log
 * line carries counts only, never names).
 */
@Component
class InactiveAccounts {

    private static final Logger LOG = LoggerFactory.getLogger(InactiveAccounts.class);

    private final StaffAdministration administration;
    private final OwnerNotices notices;
    private final Clock clock;
    private final Duration limit;

    InactiveAccounts(StaffAdministration administration, OwnerNotices notices, Clock clock,
                     @Value("${strongroom.identity.inactivity-limit:90d}") Duration limit) {
        this.administration = administration;
        this.notices = notices;
        this.clock = clock;
        this.limit = limit;
    }

    @Scheduled(cron = "${strongroom.identity.inactivity-check:0 17 3 * * *}")
    void nightly() {
        disableInactive();
    }

    List<StaffId> disableInactive() {
        List<StaffId> disabled = administration.disableInactiveSince(clock.instant().minus(limit));
        if (!disabled.isEmpty()) {
            LOG.info("Disabled {} staff accounts without a sign-in for {} days", disabled.size(), limit.toDays());
            notices.inactiveAccountsDisabled(disabled);
        }
        return disabled;
    }
}
