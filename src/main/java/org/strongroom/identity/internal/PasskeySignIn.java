package org.strongroom.identity.internal;

import java.io.IOException;
import java.util.Optional;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.security.authentication.event.AuthenticationSuccessEvent;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.authentication.AuthenticationSuccessHandler;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.security.web.webauthn.api.PublicKeyCredentialUserEntity;
import org.strongroom.identity.StaffId;
import org.strongroom.identity.StaffPrincipal;

/**
 * Turns a verified passkey assertion into a Strongroom sign-in. Spring Security's WebAuthn filter
 * has checked the signature, challenge, origin, RP ID, user verification and counter; this
 * decides who that makes the person:
 * <ul>
 * <li>no one signed in yet: a passwordless sign-in — complete at once;</li>
 * <li>a password accepted, second factor due: complete, but only if the passkey belongs to the
 * same staff member — a passkey of anyone else is refused and the sign-in stays pending;</li>
 * <li>signed in already (step-up): a fresh factor, again only with one's own passkey.</li>
 * </ul>
 * An unknown or disabled account is refused in every case. Refusals answer 401 with no detail.
 */
final class PasskeySignIn implements AuthenticationSuccessHandler {

    private final SecurityContextRepository sessionContexts = new HttpSessionSecurityContextRepository();
    private final AccountStandings standings;
    private final SignIns signIns;
    private final ApplicationEventPublisher events;

    PasskeySignIn(AccountStandings standings, SignIns signIns, ApplicationEventPublisher events) {
        this.standings = standings;
        this.signIns = signIns;
        this.events = events;
    }

    @Override
    public void onAuthenticationSuccess(HttpServletRequest request, HttpServletResponse response, Authentication authentication)
            throws IOException {
        // The WebAuthn filter does not store its result (see PasskeyConfiguration), so the session
        // still holds whatever stage this browser had reached before the assertion.
        Authentication before = sessionContexts.loadDeferredContext(request).get().getAuthentication();
        Optional<StaffPrincipal> asserted = activeStaff(authentication);
        if (asserted.isEmpty() || !sameStaffOrNobody(before, asserted.get())) {
            SecurityContextHolder.clearContext();
            respond(response, HttpServletResponse.SC_UNAUTHORIZED, "{\"authenticated\":false}");
            return;
        }
        StaffPrincipal staff = asserted.get();
        signIns.completeWithFactor(staff, request, response);
        if (!(before != null && before.getPrincipal() instanceof StaffPrincipal)) {
            // Passwordless: this is the sign-in itself, so it is recorded like a password sign-in.
            events.publishEvent(new AuthenticationSuccessEvent(SignIns.complete(staff)));
        }
        respond(response, HttpServletResponse.SC_OK, "{\"authenticated\":true,\"redirectUrl\":\"/\"}");
    }

    private Optional<StaffPrincipal> activeStaff(Authentication authentication) {
        if (!(authentication.getPrincipal() instanceof PublicKeyCredentialUserEntity user)) {
            return Optional.empty();
        }
        StaffId id;
        try {
            id = StaffId.parse(user.getName());
        } catch (IllegalArgumentException notAStaffId) {
            return Optional.empty();
        }
        return standings.find(id)
                .filter(AccountStandings.Standing::active)
                .map(standing -> new StaffPrincipal(id, standing.role()));
    }

    private static boolean sameStaffOrNobody(@Nullable Authentication before, StaffPrincipal asserted) {
        if (before == null || !before.isAuthenticated() || !(before.getPrincipal() instanceof StaffPrincipal signedIn)) {
            return true;
        }
        return signedIn.id().equals(asserted.id());
    }

    private static void respond(HttpServletResponse response, int status, String json) throws IOException {
        response.setStatus(status);
        response.setContentType("application/json");
        response.getWriter().write(json);
    }
}
