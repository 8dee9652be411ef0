package org.strongroom.audit.internal;

import java.util.regex.Pattern;

import org.springframework.context.event.EventListener;
import org.springframework.security.authorization.event.AuthorizationDeniedEvent;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.strongroom.audit.ActorType;
import org.strongroom.audit.AuditEvent;
import org.strongroom.audit.AuditTrail;
import org.strongroom.audit.Outcome;
import org.strongroom.identity.AuthenticatedApiToken;
import org.strongroom.identity.SignInStage;
import org.strongroom.identity.StaffPrincipal;

import jakarta.servlet.http.HttpServletRequest;

/**
 * Records every request Spring Security refused to a signed-in person or an API token: who, which
 * part of the application (the first path segment only — a path is typed text and could carry
 * anything, so the rest is left out; the request id ties the entry to the server's access log),
 * and why. Requests by nobody signed in are not recorded: they are sent to the sign-in page, and
 * recording them would let anyone fill the trail.
 */
@Component
class AccessDenialAudit {

    private static final Pattern SEGMENT = Pattern.compile("[a-z][a-z0-9-]{0,39}");

    private final AuditTrail trail;

    AccessDenialAudit(AuditTrail trail) {
        this.trail = trail;
    }

    @EventListener
    void on(AuthorizationDeniedEvent<?> event) {
        Authentication authentication = event.getAuthentication().get();
        if (authentication == null) {
            return;
        }
        AuditEvent entry;
        if (authentication.getDetails() instanceof AuthenticatedApiToken token) {
            entry = AuditEvent.of(ActorType.TOKEN, token.id().toString(), "access.denied", Outcome.DENIED)
                    .withReason("scope_or_role");
        } else if (authentication.getPrincipal() instanceof StaffPrincipal staff) {
            boolean complete = authentication.getAuthorities().stream()
                    .anyMatch(a -> SignInStage.COMPLETE.equals(a.getAuthority()));
            entry = AuditEvent.of(ActorType.STAFF, staff.id().toString(), "access.denied", Outcome.DENIED)
                    .withReason(complete ? "role" : "sign_in_incomplete");
        } else {
            return;
        }
        if (event.getObject() instanceof HttpServletRequest request) {
            entry = entry.withResource("route", area(request.getRequestURI()));
        }
        if (TransactionSynchronizationManager.isActualTransactionActive()) {
            trail.record(entry);
        } else {
            trail.recordOnItsOwn(entry);
        }
    }

    /** The first path segment when it looks like a route name, else "other". */
    static String area(String path) {
        int start = path.startsWith("/") ? 1 : 0;
        int end = path.indexOf('/', start);
        String first = end < 0 ? path.substring(start) : path.substring(start, end);
        if (first.isEmpty()) {
            return "/";
        }
        return SEGMENT.matcher(first).matches() ? "/" + first : "other";
    }
}
