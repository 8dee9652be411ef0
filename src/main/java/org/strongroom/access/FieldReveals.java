package org.strongroom.access;

import java.util.Set;
import java.util.UUID;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Revealing a masked value: a deliberate action, allowed only where the role sees that level
 * masked (a hidden level stays hidden; a full one needs no reveal), with a reason chosen from a
 * fixed list and recorded in the audit trail in the caller's transaction — the caller decrypts
 * and shows the value only after this returns. The field key is recorded, never the value.
 */
@Service
public class FieldReveals {

    /** Why a value is revealed: codes only, so the trail holds no free text. */
    public static final Set<String> REASONS = Set.of("verify_identity", "client_request", "billing", "clinical_need",
            "legal_obligation", "other");

    private final AccessPolicy policy;
    private final ApplicationEventPublisher events;

    FieldReveals(AccessPolicy policy, ApplicationEventPublisher events) {
        this.policy = policy;
        this.events = events;
    }

    /**
     * @param fieldKey the catalogue key of the field ({@code [a-z][a-z0-9_]{0,63}})
     * @return {@code Done(true)} when the value may be shown now; {@code Rejected} for a bad reason
     *         or field key, or when the level is not masked for this role
     * @throws AccessRefused when the client is out of reach or the role lacks {@code client.read}
     */
    @Transactional
    public AccessResult<Boolean> reveal(Actor actor, UUID clientId, String fieldKey, Sensitivity level, String reason) {
        AccessDecision decision = policy.require(actor, Permission.CLIENT_READ, clientId);
        if (fieldKey == null || !fieldKey.matches("[a-z][a-z0-9_]{0,63}")) {
            return AccessResult.rejected("field", "access.reveal.field");
        }
        if (reason == null || !REASONS.contains(reason)) {
            return AccessResult.rejected("reason", "access.reveal.reason");
        }
        if (decision.visibility(level) != Visibility.MASKED) {
            return AccessResult.rejected("field", "access.reveal.notMasked");
        }
        events.publishEvent(new AccessChanged(AccessChanged.Kind.FIELD_REVEALED, CareTeams.staffOf(actor), null, clientId,
                fieldKey, reason));
        return new AccessResult.Done<>(true);
    }
}
