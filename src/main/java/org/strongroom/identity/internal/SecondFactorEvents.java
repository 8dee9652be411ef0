package org.strongroom.identity.internal;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;
import org.strongroom.identity.SecondFactorUsed;
import org.strongroom.identity.SecondFactors;
import org.strongroom.identity.StaffId;

/**
 * Publishes what happened at the second step of a sign-in or an enrolment, for the sign-in
 * record and (later) the audit trail. Identifiers and outcome codes only — never a code.
 */
@Component
public class SecondFactorEvents {

    private final ApplicationEventPublisher events;

    SecondFactorEvents(ApplicationEventPublisher events) {
        this.events = events;
    }

    public void secondFactor(StaffId staff, String factor, SecondFactors.Outcome outcome, boolean stepUp,
                             HttpServletRequest request) {
        events.publishEvent(new SecondFactorUsed(staff, factor, outcome.name().toLowerCase(java.util.Locale.ROOT),
                stepUp ? "step_up" : "sign_in", request.getRemoteAddr()));
    }

    public void enrolment(StaffId staff, String factor, boolean confirmed, HttpServletRequest request) {
        events.publishEvent(new SecondFactorUsed(staff, factor, confirmed ? "accepted" : "refused", "enrolment",
                request.getRemoteAddr()));
    }
}
