package org.strongroom.identity.internal;

import java.io.IOException;
import java.util.Optional;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.jspecify.annotations.Nullable;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.authentication.AuthenticationSuccessHandler;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.security.web.webauthn.api.PublicKeyCredentialUserEntity;
import org.strongroom.identity.SecondFactors;
import org.strongroom.identity.SignInStage;
import org.strongroom.identity.StaffId;
import org.strongroom.identity.StaffPrincipal;
import org.strongroom.identity.StaffStatus;

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
 * An unknown, invited, disabled or offboarded account is refused in every case. Refusals answer
 * 401 with no detail. Uses of the passkey as a factor are published like those of the other
 * factors ({@link SecondFactorEvents}, factor {@code passkey}).
 */
final class PasskeySignIn implements AuthenticationSuccessHandler {

    /** The factor name in {@link org.strongroom.identity.SecondFactorUsed} events. */
    static final String FACTOR = "passkey";

    private final SecurityContextRepository sessionContexts = new HttpSessionSecurityContextRepository();
    private final Accounts accounts;
    private final SignIns signIns;
    private final SecondFactorEvents events;

    PasskeySignIn(Accounts accounts, SignIns signIns, SecondFactorEvents events) {
        this.accounts = accounts;
        this.signIns = signIns;
        this.events = events;
    }

    @Override
    public void onAuthenticationSuccess(HttpServletRequest request, HttpServletResponse response, Authentication authentication)
            throws IOException {
        // The WebAuthn filter does not store its result (see PasskeyConfiguration), so the session
        // still holds whatever stage this browser had reached before the assertion.
        Authentication before = sessionContexts.loadDeferredContext(request).get().getAuthentication();
        @Nullable StaffPrincipal signedIn = before != null && before.isAuthenticated()
                && before.getPrincipal() instanceof StaffPrincipal staff ? staff : null;
        boolean stepUp = before != null && before.getAuthorities().stream().anyMatch(a -> SignInStage.COMPLETE.equals(a.getAuthority()));
        Optional<StaffPrincipal> asserted = activeStaff(authentication);
        if (asserted.isEmpty() || (signedIn != null && !signedIn.id().equals(asserted.get().id()))) {
            if (signedIn != null) {
                // Someone part-way through signing in (or signed in) offered a passkey that is
                // not theirs, or whose account may not sign in: a refused factor for that person.
                events.secondFactor(signedIn.id(), FACTOR, SecondFactors.Outcome.REFUSED, stepUp, request);
            }
            SecurityContextHolder.clearContext();
            respond(response, HttpServletResponse.SC_UNAUTHORIZED, "{\"authenticated\":false}");
            return;
        }
        StaffPrincipal staff = asserted.get();
        events.secondFactor(staff.id(), FACTOR, SecondFactors.Outcome.ACCEPTED, stepUp, request);
        signIns.completeWithFactor(staff, request, response);
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
        return accounts.findCredentials(id)
                .filter(account -> account.status() == StaffStatus.ACTIVE)
                .map(account -> new StaffPrincipal(id, account.role()));
    }

    private static void respond(HttpServletResponse response, int status, String json) throws IOException {
        response.setStatus(status);
        response.setContentType("application/json");
        response.getWriter().write(json);
    }
}
