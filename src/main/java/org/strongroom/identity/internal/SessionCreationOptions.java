package org.strongroom.identity.internal;

import java.io.Serial;
import java.io.Serializable;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;

import org.jspecify.annotations.Nullable;
import org.springframework.security.web.webauthn.api.AttestationConveyancePreference;
import org.springframework.security.web.webauthn.api.AuthenticatorSelectionCriteria;
import org.springframework.security.web.webauthn.api.Bytes;
import org.springframework.security.web.webauthn.api.ImmutablePublicKeyCredentialUserEntity;
import org.springframework.security.web.webauthn.api.PublicKeyCredentialCreationOptions;
import org.springframework.security.web.webauthn.api.PublicKeyCredentialParameters;
import org.springframework.security.web.webauthn.api.PublicKeyCredentialRpEntity;
import org.springframework.security.web.webauthn.api.ResidentKeyRequirement;
import org.springframework.security.web.webauthn.api.UserVerificationRequirement;
import org.springframework.security.web.webauthn.registration.PublicKeyCredentialCreationOptionsRepository;

/**
 * Keeps the pending registration ceremony (above all its challenge) in the session until the
 * authenticator's answer arrives. Spring's own repository stores the options object as it is,
 * which is not {@link Serializable} and so cannot live in a database-backed session; this one
 * stores a serializable snapshot of what verification needs and rebuilds the options from it.
 * Loading does not consume it: Spring's registration filter clears it once an answer arrives.
 */
final class SessionCreationOptions implements PublicKeyCredentialCreationOptionsRepository {

    static final String ATTRIBUTE = SessionCreationOptions.class.getName();

    /** What a registration is verified against. Holds no personal data: the user name is a staff id. */
    record Snapshot(String rpId, String rpName, byte[] challenge, byte[] userHandle, String userName, long[] algorithms,
            long timeoutMillis, @Nullable String userVerification, @Nullable String residentKey) implements Serializable {

        @Serial
        private static final long serialVersionUID = 1L;

        @Override
        public String toString() {
            return "Snapshot[" + rpId + "]";
        }
    }

    private static final List<PublicKeyCredentialParameters> KNOWN = List.of(PublicKeyCredentialParameters.EdDSA,
            PublicKeyCredentialParameters.ES256, PublicKeyCredentialParameters.ES384, PublicKeyCredentialParameters.ES512,
            PublicKeyCredentialParameters.RS256, PublicKeyCredentialParameters.RS384, PublicKeyCredentialParameters.RS512);

    @Override
    public void save(HttpServletRequest request, HttpServletResponse response, @Nullable PublicKeyCredentialCreationOptions options) {
        if (options == null) {
            HttpSession session = request.getSession(false);
            if (session != null) {
                session.removeAttribute(ATTRIBUTE);
            }
            return;
        }
        AuthenticatorSelectionCriteria selection = options.getAuthenticatorSelection();
        Snapshot snapshot = new Snapshot(options.getRp().getId(), options.getRp().getName(), options.getChallenge().getBytes(),
                options.getUser().getId().getBytes(), options.getUser().getName(),
                options.getPubKeyCredParams().stream().mapToLong(p -> p.getAlg().getValue()).toArray(),
                options.getTimeout() == null ? Duration.ofMinutes(5).toMillis() : options.getTimeout().toMillis(),
                selection == null || selection.getUserVerification() == null ? null : selection.getUserVerification().getValue(),
                selection == null || selection.getResidentKey() == null ? null : selection.getResidentKey().getValue());
        request.getSession().setAttribute(ATTRIBUTE, snapshot);
    }

    @Override
    public @Nullable PublicKeyCredentialCreationOptions load(HttpServletRequest request) {
        HttpSession session = request.getSession(false);
        if (session == null || !(session.getAttribute(ATTRIBUTE) instanceof Snapshot snapshot)) {
            return null;
        }
        List<PublicKeyCredentialParameters> parameters = KNOWN.stream()
                .filter(p -> Arrays.stream(snapshot.algorithms()).anyMatch(alg -> alg == p.getAlg().getValue()))
                .toList();
        AuthenticatorSelectionCriteria.AuthenticatorSelectionCriteriaBuilder selection = AuthenticatorSelectionCriteria.builder();
        if (snapshot.userVerification() != null) {
            selection.userVerification(userVerification(snapshot.userVerification()));
        }
        if (snapshot.residentKey() != null) {
            selection.residentKey(ResidentKeyRequirement.valueOf(snapshot.residentKey()));
        }
        return PublicKeyCredentialCreationOptions.builder()
                .rp(PublicKeyCredentialRpEntity.builder().id(snapshot.rpId()).name(snapshot.rpName()).build())
                .user(ImmutablePublicKeyCredentialUserEntity.builder()
                        .id(new Bytes(snapshot.userHandle()))
                        .name(snapshot.userName())
                        .displayName(snapshot.userName())
                        .build())
                .challenge(new Bytes(snapshot.challenge()))
                .pubKeyCredParams(parameters)
                .timeout(Duration.ofMillis(snapshot.timeoutMillis()))
                .authenticatorSelection(selection.build())
                .attestation(AttestationConveyancePreference.NONE)
                .build();
    }

    private static @Nullable UserVerificationRequirement userVerification(String value) {
        for (UserVerificationRequirement known : List.of(UserVerificationRequirement.REQUIRED,
                UserVerificationRequirement.PREFERRED, UserVerificationRequirement.DISCOURAGED)) {
            if (known.getValue().equals(value)) {
                return known;
            }
        }
        return null;
    }
}
