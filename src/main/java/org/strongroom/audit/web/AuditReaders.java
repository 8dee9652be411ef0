package org.strongroom.audit.web;

import org.jspecify.annotations.Nullable;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.strongroom.access.AccessPolicy;
import org.strongroom.access.Actor;
import org.strongroom.access.Permission;
import org.strongroom.audit.ActorType;
import org.strongroom.audit.AuditEvent;
import org.strongroom.audit.AuditTrail;
import org.strongroom.audit.Outcome;
import org.strongroom.identity.SignInStage;
import org.strongroom.identity.StaffPrincipal;

/**
 * Who may read the audit trail — search it, open a person's or a client's history, verify it —
 * and who may export it: the access policy's {@code audit.read} and {@code audit.export}, for a
 * complete sign-in (password and second factor). Asked by every page's service call, not only by
 * the URL rule of the security chain, so a missing or mistyped URL rule opens nothing.
 */
@Component
class AuditReaders {

    private final AuditTrail trail;
    private final AccessPolicy policy;

    AuditReaders(AuditTrail trail, AccessPolicy policy) {
        this.trail = trail;
        this.policy = policy;
    }

    /** Whether this sign-in may read the trail. */
    boolean mayRead(@Nullable Authentication authentication) {
        return holds(authentication, Permission.AUDIT_READ);
    }

    /**
     * @return the reader
     * @throws AccessDeniedException for anyone else (the security chain answers with its plain 403)
     */
    StaffPrincipal require(@Nullable Authentication authentication) {
        return require(authentication, Permission.AUDIT_READ);
    }

    /** As {@link #require(Authentication)}, for taking the trail away: {@code audit.export} too. */
    StaffPrincipal requireExport(@Nullable Authentication authentication) {
        require(authentication, Permission.AUDIT_READ);
        return require(authentication, Permission.AUDIT_EXPORT);
    }

    private StaffPrincipal require(@Nullable Authentication authentication, Permission permission) {
        if (!holds(authentication, permission)) {
            recordRefusal(authentication);
            throw new AccessDeniedException("not permitted");
        }
        return (StaffPrincipal) authentication.getPrincipal();
    }

    private boolean holds(@Nullable Authentication authentication, Permission permission) {
        if (authentication == null || !authentication.isAuthenticated()
                || !(authentication.getPrincipal() instanceof StaffPrincipal principal)) {
            return false;
        }
        boolean complete = false;
        for (GrantedAuthority authority : authentication.getAuthorities()) {
            complete |= SignInStage.COMPLETE.equals(authority.getAuthority());
        }
        return complete && policy.decide(Actor.of(principal), permission).allowed();
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
