package org.strongroom.identity.internal;

import java.io.IOException;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.security.core.Authentication;
import org.springframework.security.web.authentication.AuthenticationSuccessHandler;
import org.springframework.stereotype.Component;
import org.strongroom.identity.SignInStage;

/** After a correct password: on to the second factor, or to enrolment for an account without one. */
@Component("passwordStageHandler")
class PasswordStageHandler implements AuthenticationSuccessHandler {

    @Override
    public void onAuthenticationSuccess(HttpServletRequest request, HttpServletResponse response, Authentication authentication)
            throws IOException {
        boolean enrolmentDue = authentication.getAuthorities().stream()
                .anyMatch(a -> SignInStage.ENROLMENT_DUE.equals(a.getAuthority()));
        response.sendRedirect(enrolmentDue ? "/mfa/enrol" : "/mfa/challenge");
    }
}
