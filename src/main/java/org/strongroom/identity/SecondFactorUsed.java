package org.strongroom.identity;

/**
 * A second factor was tried: at sign-in, at step-up or to confirm an enrolment. Identifiers and
 * codes only.
 *
 * @param factor  {@code authenticator_app}, {@code recovery_code} or {@code passkey}
 * @param outcome {@code accepted}, {@code refused}, {@code locked} or {@code not_enrolled}
 * @param purpose {@code sign_in}, {@code step_up} or {@code enrolment}
 * @param sourceAddress the client's IP address as the server saw it
 */
public record SecondFactorUsed(StaffId staff, String factor, String outcome, String purpose, String sourceAddress) {
}
