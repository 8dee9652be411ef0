package org.strongroom.identity.internal;

import java.util.Set;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.webauthn.api.AuthenticatorSelectionCriteria;
import org.springframework.security.web.webauthn.api.CredentialRecord;
import org.springframework.security.web.webauthn.api.PublicKeyCredentialCreationOptions;
import org.springframework.security.web.webauthn.api.PublicKeyCredentialRequestOptions;
import org.springframework.security.web.webauthn.api.PublicKeyCredentialRpEntity;
import org.springframework.security.web.webauthn.api.PublicKeyCredentialUserEntity;
import org.springframework.security.web.webauthn.api.ResidentKeyRequirement;
import org.springframework.security.web.webauthn.api.UserVerificationRequirement;
import org.springframework.security.web.webauthn.management.PublicKeyCredentialCreationOptionsRequest;
import org.springframework.security.web.webauthn.management.PublicKeyCredentialRequestOptionsRequest;
import org.springframework.security.web.webauthn.management.RelyingPartyAuthenticationRequest;
import org.springframework.security.web.webauthn.management.RelyingPartyRegistrationRequest;
import org.springframework.security.web.webauthn.management.WebAuthnRelyingPartyOperations;
import org.springframework.security.web.webauthn.management.Webauthn4JRelyingPartyOperations;
import org.strongroom.identity.SignInStage;

/**
 * Spring Security's WebAuthn relying party (webauthn4j underneath), held to Strongroom's rules:
 * user verification is required when registering and when signing in (a passkey alone is a
 * complete sign-in, so it must be something the person has <em>and</em> unlocks); passkeys are
 * discoverable, so the sign-in page needs no user name; only a complete sign-in (or an enrolment) may
 * start a registration; labels are checked before any work is done.
 * <p>
 * The RP ID and origin are resolved from the public URL on first use, when the server's port is
 * known; a change of public URL therefore takes effect at the next start.
 */
final class StaffRelyingParty implements WebAuthnRelyingPartyOperations {

    private final PasskeyUsers users;
    private final Passkeys passkeys;
    private final Supplier<PasskeyRelyingParty> relyingPartySource;
    private volatile @Nullable PasskeyRelyingParty resolved;
    private volatile @Nullable Webauthn4JRelyingPartyOperations delegate;

    StaffRelyingParty(PasskeyUsers users, Passkeys passkeys, Supplier<PasskeyRelyingParty> relyingParty) {
        this.users = users;
        this.passkeys = passkeys;
        this.relyingPartySource = relyingParty;
    }

    @Override
    public PublicKeyCredentialCreationOptions createPublicKeyCredentialCreationOptions(PublicKeyCredentialCreationOptionsRequest request) {
        if (!isCompleteOrEnrolling(request.getAuthentication())) {
            throw new AccessDeniedException("a complete sign-in (or enrolment) is required to register a passkey");
        }
        return delegate().createPublicKeyCredentialCreationOptions(request);
    }

    /**
     * Verifies and stores a new passkey.
     *
     * @throws RegistrationRefused for any failure (bad label, wrong origin or RP ID, bad
     *                             attestation, a credential that exists already): one opaque refusal
     */
    @Override
    public CredentialRecord registerCredential(RelyingPartyRegistrationRequest request) {
        try {
            if (PasskeyLabels.normalise(request.getPublicKey().getLabel()).isEmpty()) {
                throw new IllegalArgumentException("label is empty, too long or holds control characters");
            }
            if (!isRequired(request.getCreationOptions().getAuthenticatorSelection().getUserVerification())) {
                throw new IllegalArgumentException("creation options without required user verification");
            }
            return delegate().registerCredential(request);
        } catch (RuntimeException e) {
            throw new RegistrationRefused(e);
        }
    }

    @Override
    public PublicKeyCredentialRequestOptions createCredentialRequestOptions(PublicKeyCredentialRequestOptionsRequest request) {
        return delegate().createCredentialRequestOptions(request);
    }

    /**
     * Verifies an assertion against the challenge this session was given. The options are rebuilt
     * with this server's RP ID and with user verification required by identity: options read back
     * from a database-backed session hold a deserialized copy of the requirement, which Spring's
     * {@code ==} comparison would take for "not required".
     */
    @Override
    public PublicKeyCredentialUserEntity authenticate(RelyingPartyAuthenticationRequest request) {
        PublicKeyCredentialRequestOptions stored = request.getRequestOptions();
        if (!isRequired(stored.getUserVerification())) {
            throw new IllegalArgumentException("request options without required user verification");
        }
        PublicKeyCredentialRequestOptions options = PublicKeyCredentialRequestOptions.builder()
                .challenge(stored.getChallenge())
                .timeout(stored.getTimeout())
                .rpId(relyingParty().id())
                .allowCredentials(stored.getAllowCredentials())
                .userVerification(UserVerificationRequirement.REQUIRED)
                .build();
        return delegate().authenticate(new RelyingPartyAuthenticationRequest(options, request.getPublicKey()));
    }

    /** The relying party this server is, as resolved on first use. */
    PasskeyRelyingParty relyingParty() {
        PasskeyRelyingParty current = resolved;
        if (current == null) {
            current = relyingPartySource.get();
            resolved = current;
        }
        return current;
    }

    private Webauthn4JRelyingPartyOperations delegate() {
        Webauthn4JRelyingPartyOperations current = delegate;
        if (current == null) {
            synchronized (this) {
                current = delegate;
                if (current == null) {
                    current = create(relyingParty());
                    delegate = current;
                }
            }
        }
        return current;
    }

    private Webauthn4JRelyingPartyOperations create(PasskeyRelyingParty rp) {
        Webauthn4JRelyingPartyOperations operations = new Webauthn4JRelyingPartyOperations(users, passkeys,
                PublicKeyCredentialRpEntity.builder().id(rp.id()).name(rp.name()).build(), Set.of(rp.origin()));
        operations.setCustomizeCreationOptions(options -> options.authenticatorSelection(AuthenticatorSelectionCriteria.builder()
                .userVerification(UserVerificationRequirement.REQUIRED)
                .residentKey(ResidentKeyRequirement.REQUIRED)
                .build()));
        operations.setCustomizeRequestOptions(options -> options.userVerification(UserVerificationRequirement.REQUIRED));
        return operations;
    }

    private static boolean isRequired(@Nullable UserVerificationRequirement requirement) {
        return requirement != null && UserVerificationRequirement.REQUIRED.getValue().equals(requirement.getValue());
    }

    private static boolean isCompleteOrEnrolling(@Nullable Authentication authentication) {
        return authentication != null && authentication.getAuthorities().stream()
                .anyMatch(a -> SignInStage.COMPLETE.equals(a.getAuthority()) || SignInStage.ENROLMENT_DUE.equals(a.getAuthority()));
    }
}
