package org.strongroom.audit.web;

import org.jspecify.annotations.Nullable;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.strongroom.audit.ActorType;
import org.strongroom.audit.AuditEvent;
import org.strongroom.audit.AuditTrail;
import org.strongroom.audit.Outcome;
import org.strongroom.identity.SignInStage;
import org.strongroom.identity.StaffPrincipal;
import org.strongroom.identity.StaffRole;

/**
 * The one place that decides who may read the audit trail: search it, open a person's or a
 * client's history, export it and verify it. Until the access module brings an Auditor role and
 * an {@code audit.read} permission, that is an owner or an administrator with a complete sign-in
 * (password and second factor). Asked by every page's service call, not only by the URL rule of
 * the security chain, so a missing or mistyped URL rule opens nothing.
 */
@Component
class AuditReaders {

    private final AuditTrail trail;

    AuditReaders(AuditTrail trail) {
        this.trail = trail;
    }

    /** Whether this sign-in may read the trail. */
    boolean mayRead(@Nullable Authentication authentication) {
        if (authentication == null || !authentication.isAuthenticated()
                || !(authentication.getPrincipal() instanceof StaffPrincipal principal)) {
            return false;
        }
        boolean complete = false;
        for (GrantedAuthority authority : authentication.getAuthorities()) {
            complete |= SignInStage.COMPLETE.equals(authority.getAuthority());
        }
        return complete && (principal.role() == StaffRole.OWNER || principal.role() == StaffRole.ADMINISTRATOR);
    }

    /**
     * @return the reader
     * @throws AccessDeniedException for anyone else (the security chain answers with its plain 403)
     */
    StaffPrincipal require(@Nullable Authentication authentication) {
        if (!mayRead(authentication)) {
            recordRefusal(authentication);
            throw new AccessDeniedException("reading the audit trail needs an owner or administrator sign-in");
        }
        return (StaffPrincipal) authentication.getPrincipal();
    }

    /**
     * The security chain records the refusals it makes itself ({@code access.denied}); this one is
     * made here, behind it, so it is recorded the same way (the caller only sees the plain 403).
     */
    private void recordRefusal(@Nullable Authentication authentication) {
        if (authentication == null || !(authentication.getPrincipal() instanceof StaffPrincipal staff)) {
            return;
        }
        boolean complete = authentication.getAuthorities().stream()
                .anyMatch(a -> SignInStage.COMPLETE.equals(a.getAuthority()));
        AuditEvent entry = AuditEvent.of(ActorType.STAFF, staff.id().toString(), "access.denied", Outcome.DENIED)
                .withResource("route", "/audit")
                .withReason(complete ? "role" : "sign_in_incomplete");
        if (TransactionSynchronizationManager.isActualTransactionActive()) {
            trail.record(entry);
        } else {
            trail.recordOnItsOwn(entry);
        }
    }
}
