package org.strongroom.web.internal;

import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.http.HttpMethod;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.authentication.AuthenticationSuccessHandler;
import org.springframework.security.web.authentication.UsernamePasswordAuthenticationFilter;
import org.strongroom.identity.RoleCatalogue;
import org.strongroom.identity.SignInStage;
import org.strongroom.identity.SignInThrottleFilter;
import org.strongroom.identity.LiveAccounts;
import org.springframework.security.web.access.intercept.AuthorizationFilter;

/**
 * The HTTP security of the pages. Every response — pages, errors, refusals — passes through this
 * chain and so carries the same headers. A password alone reaches only the second-factor and
 * enrolment pages ({@link SignInStage}); everything else needs a complete sign-in, and the
 * access module decides what each person may see of each client. The JSON API has its own chain
 * (bearer tokens, no session, no CSRF), ordered before this one.
 */
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

    private static final String COMPLETE = SignInStage.COMPLETE;

    @Bean
    @Order(100)
    SecurityFilterChain strongroomSecurity(HttpSecurity http, AuthenticationSuccessHandler passwordStageHandler,
                                           AccessDeniedHandler stageAwareAccessDenied, LiveAccounts liveAccounts,
                                           Customizer<HttpSecurity> passkeySecurity,
                                           SignInThrottleFilter signInThrottle, RoleCatalogue roles) throws Exception {
        http
                .addFilterBefore(signInThrottle, UsernamePasswordAuthenticationFilter.class)
                .authorizeHttpRequests(requests -> requests
                        .requestMatchers("/assets/**", "/webjars/**", "/favicon.ico", "/favicon.svg").permitAll()
                        .requestMatchers("/login", "/setup", "/unseal", "/preferences/language", "/error").permitAll()
                        .requestMatchers("/invitation", "/password/reset", "/password/reset/**", "/password/strength").permitAll()
                        .requestMatchers("/actuator/health", "/actuator/health/liveness", "/actuator/health/readiness").permitAll()
                        .requestMatchers("/mfa/challenge", "/mfa/challenge/**")
                                .hasAnyAuthority(SignInStage.SECOND_FACTOR_DUE, COMPLETE)
                        .requestMatchers("/mfa/enrol", "/mfa/enrol/**")
                                .hasAnyAuthority(SignInStage.ENROLMENT_DUE, COMPLETE)
                        .requestMatchers("/webauthn/register", "/webauthn/register/**")
                                .hasAnyAuthority(SignInStage.ENROLMENT_DUE, COMPLETE)
                        // Organisation-level pages, each behind the permission its service asks for again.
                        .requestMatchers("/settings/keys").access(Decisions.completeWithPermission(roles, "keys.manage"))
                        .requestMatchers("/admin/users", "/admin/users/**").access(Decisions.completeWithPermission(roles, "user.manage"))
                        .requestMatchers("/admin/roles", "/admin/roles/**").access(Decisions.completeWithPermission(roles, "role.manage"))
                        .requestMatchers("/admin/access/reviews", "/admin/access/reviews/**")
                                .access(Decisions.completeWithPermission(roles, "break_glass.review"))
                        .requestMatchers("/admin/access", "/admin/access/**").access(Decisions.completeWithPermission(roles, "access.review"))
                        .requestMatchers("/audit", "/audit/**").access(Decisions.completeWithPermission(roles, "audit.read"))
                        .requestMatchers(HttpMethod.GET, "/admin/documents/folders")
                                .access(Decisions.completeWithAnyPermission(roles, "settings.manage", "compliance.read"))
                        .requestMatchers(HttpMethod.GET, "/admin/catalogue")
                                .access(Decisions.completeWithAnyPermission(roles, "settings.manage", "compliance.read"))
                        .requestMatchers("/compliance/data-inventory", "/compliance/data-inventory/**")
                                .access(Decisions.completeWithAnyPermission(roles, "compliance.read", "settings.manage"))
                        .requestMatchers("/clients/import", "/clients/import/**").access(Decisions.completeWithPermission(roles, "client.import"))
                        .requestMatchers("/clients/export").access(Decisions.completeHoldingAll(roles, "client.export", "client.read"))
                        .requestMatchers("/clients/new").access(Decisions.completeWithPermission(roles, "client.create"))
                        .requestMatchers("/actuator/**", "/admin/**").access(Decisions.completeWithPermission(roles, "settings.manage"))
                        .requestMatchers("/access/break-glass").access(Decisions.completeWithPermission(roles, "break_glass.use"))
                        .anyRequest().hasAuthority(COMPLETE))
                .formLogin(form -> form
                        .loginPage("/login")
                        .usernameParameter("email")
                        .passwordParameter("password")
                        .successHandler(passwordStageHandler)
                        .failureUrl("/login?failed")
                        .permitAll())
                .logout(logout -> logout
                        .logoutUrl("/logout")
                        .logoutSuccessUrl("/login?signedOut")
                        .invalidateHttpSession(true)
                        .clearAuthentication(true))
                // Before authorisation: a disabled account or a changed role counts from this request on.
                .addFilterBefore(liveAccounts.sessionFilter(), AuthorizationFilter.class)
                .exceptionHandling(exceptions -> exceptions.accessDeniedHandler(stageAwareAccessDenied))
                .sessionManagement(session -> session.sessionFixation(fixation -> fixation.changeSessionId()))
                // Headers are written by SecurityHeadersFilter, ahead of this chain, so that
                // firewall rejections and error dispatches carry them too.
                .headers(headers -> headers.disable());
        // Passkeys (identity module): Spring's WebAuthn endpoints, a step-up guard on registration,
        // and the hand-over of a verified assertion to the sign-in stages.
        passkeySecurity.customize(http);
        return http.build();
    }
}
