package org.strongroom.audit.web;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.dao.DataAccessException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.strongroom.audit.AuditForwarding;
import org.strongroom.audit.ForwardingStatus;
import org.strongroom.audit.VerificationRun;
import org.strongroom.audit.VerificationRuns;
import org.strongroom.identity.SignInStage;
import org.strongroom.identity.StaffPrincipal;
import org.strongroom.access.AccessPolicy;
import org.strongroom.access.Actor;
import org.strongroom.access.Permission;

/**
 * Puts {@code auditAlert} into every page's model for signed-in owners and administrators when
 * there is something to show (else null): the layout renders it with
 * {@code fragments/audit-alert :: banner(${auditAlert})}. One indexed single-row query per page.
 */
@ControllerAdvice
class AuditAlertAdvice {

    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm", Locale.ROOT);

    private final VerificationRuns runs;
    private final AccessPolicy policy;
    private final AuditForwarding forwarding;
    private final ZoneId zone;

    AuditAlertAdvice(VerificationRuns runs, AuditForwarding forwarding, AccessPolicy policy,
                     @Value("${strongroom.organisation.time-zone:}") String zone) {
        this.policy = policy;
        this.runs = runs;
        this.forwarding = forwarding;
        this.zone = zone.isBlank() ? ZoneId.systemDefault() : ZoneId.of(zone.strip());
    }

    @ModelAttribute("auditAlert")
    @Nullable AuditAlert auditAlert() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication == null || !(authentication.getPrincipal() instanceof StaffPrincipal principal)
                || !policy.decide(Actor.of(principal), Permission.AUDIT_READ).allowed()
                || authentication.getAuthorities().stream().noneMatch(a -> SignInStage.COMPLETE.equals(a.getAuthority()))) {
            return null;
        }
        try {
            return alert(runs.latest().orElse(null), forwarding.status());
        } catch (DataAccessException e) {
            // The page must render even when the database is failing (e.g. on the error page).
            return null;
        }
    }

    @Nullable AuditAlert alert(@Nullable VerificationRun run, ForwardingStatus status) {
        boolean broken = run != null && run.broken() && run.kind() != null;
        boolean notCompleted = run != null && run.outcome() == VerificationRun.Result.NOT_COMPLETED;
        if (!broken && !notCompleted && !status.behind()) {
            return null;
        }
        return new AuditAlert(broken ? run.firstBadSeq() : null,
                broken ? "auditwatch.kind." + run.kind().name().toLowerCase(Locale.ROOT) : null,
                run == null ? null : WHEN.format(run.finishedAt().atZone(zone)),
                notCompleted,
                status.behind() ? status.destination() : null, status.backlog(), status.behind() ? status.lastError() : null);
    }
}
