package org.strongroom.access;

import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * The policy's answer, with the rule that decided it and a machine reason for the audit trail.
 * Denials are shown to the caller only as a generic refusal (or "not found" for a client out of
 * reach); the reason goes to the trail.
 *
 * @param allowed  whether the action may go ahead
 * @param rule     the deciding rule's name, e.g. {@code care_team}, {@code permission}
 * @param reason   a machine code: on allow the basis ({@code care_team}, {@code grant}, …), on deny
 *                 why ({@code no_permission}, {@code out_of_reach}, {@code unknown_role}, …)
 * @param basis    on allow, why access exists; {@code null} on deny
 * @param role     the role definition applied ({@code null} when the role is unknown)
 */
public record AccessDecision(boolean allowed, String rule, String reason, @Nullable Basis basis,
                             @Nullable RoleDefinition role) {

    public AccessDecision {
        Objects.requireNonNull(rule, "rule");
        Objects.requireNonNull(reason, "reason");
    }

    public static AccessDecision allow(String rule, Basis basis, RoleDefinition role) {
        return new AccessDecision(true, rule, basis.code(), basis, role);
    }

    public static AccessDecision deny(String rule, String reason, @Nullable RoleDefinition role) {
        return new AccessDecision(false, rule, reason, null, role);
    }

    /** How much of this sensitivity the actor sees under this decision (nothing when denied). */
    public Visibility visibility(Sensitivity level) {
        return allowed && role != null ? role.sees(level) : Visibility.HIDDEN;
    }

    /** Whether a denial must look exactly like a record that does not exist (a client out of reach). */
    public boolean looksAbsent() {
        return !allowed && ("out_of_reach".equals(reason) || "no_such_client".equals(reason) || "break_glass_expired".equals(reason) || "grant_expired".equals(reason));
    }
}
