package org.strongroom.identity.internal;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.ObjectPostProcessor;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.web.access.intercept.AuthorizationFilter;
import org.springframework.security.web.context.RequestAttributeSecurityContextRepository;
import org.springframework.security.web.webauthn.authentication.WebAuthnAuthenticationFilter;

/**
 * Passkeys (WebAuthn) for staff, on Spring Security's WebAuthn support. The web module's
 * security chain applies the {@code passkeySecurity} customizer; everything passkey-specific stays here:
 * <ul>
 * <li>{@code POST /webauthn/register/options} and {@code POST /webauthn/register} (and Spring's
 * {@code DELETE /webauthn/register/{id}}): only after a complete sign-in with a fresh factor, or
 * to enrol a first factor right after the password ({@link PasskeyRegistrationGuard});</li>
 * <li>{@code POST /webauthn/authenticate/options} and {@code POST /login/webauthn}: open, each
 * challenge single-use (Spring removes it from the session when an assertion arrives), user
 * verification required, the result decided by {@link PasskeySignIn}.</li>
 * </ul>
 * All four are ordinary POSTs (or DELETE) of the pages chain and so need the CSRF token.
 */
@Configuration(proxyBeanMethods = false)
class PasskeyConfiguration {

    /**
     * The relying party. Its RP ID and origin come from {@code strongroom.public-url} (default
     * {@code https://localhost:<port>}), read at run time on first use, when the actual port is
     * known. Spring Security's WebAuthn configurer picks this bean up instead of building its own.
     */
    @Bean
    StaffRelyingParty staffRelyingParty(PasskeyUsers users, Passkeys passkeys, Environment environment) {
        return new StaffRelyingParty(users, passkeys, () -> PasskeyRelyingParty.from(
                environment.getProperty("strongroom.public-url", ""), port(environment)));
    }

    /** What the pages chain applies: {@code passkeySecurity.customize(http)}. */
    @Bean
    Customizer<HttpSecurity> passkeySecurity(Accounts accounts, SignIns signIns, SecondFactorEvents events) {
        UserDetailsService passkeyAccounts = new PasskeyAccounts(accounts);
        PasskeySignIn passkeySignIn = new PasskeySignIn(accounts, signIns, events);
        return http -> {
            // Spring's WebAuthn provider looks the account up through a UserDetailsService; this
            // one is given to this chain only, not published as a bean, so it cannot become a
            // password login of its own.
            http.setSharedObject(UserDetailsService.class, passkeyAccounts);
            http.addFilterBefore(new PasskeyRegistrationGuard(signIns, events), AuthorizationFilter.class);
            http.webAuthn(webAuthn -> webAuthn
                    .rpName(PasskeyRelyingParty.NAME)
                    .disableDefaultRegistrationPage(true)
                    .creationOptionsRepository(new SessionCreationOptions())
                    .withObjectPostProcessor(new ObjectPostProcessor<WebAuthnAuthenticationFilter>() {
                        @Override
                        public <O extends WebAuthnAuthenticationFilter> O postProcess(O filter) {
                            // The filter's own result (a WebAuthnAuthentication) is never stored:
                            // PasskeySignIn stores the Strongroom sign-in, or nothing at all.
                            filter.setSecurityContextRepository(new RequestAttributeSecurityContextRepository());
                            filter.setAuthenticationSuccessHandler(passkeySignIn);
                            return filter;
                        }
                    }));
        };
    }

    private static int port(Environment environment) {
        Integer local = environment.getProperty("local.server.port", Integer.class);
        if (local != null && local > 0) {
            return local;
        }
        return environment.getProperty("server.port", Integer.class, 8443);
    }
}
