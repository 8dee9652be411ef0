package org.strongroom.identity.internal;

import jakarta.servlet.DispatcherType;

import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.AnonymousAuthenticationFilter;
import org.springframework.security.web.context.RequestAttributeSecurityContextRepository;
import org.strongroom.identity.ApiScope;
import org.strongroom.identity.ApiTokens;
import org.strongroom.identity.SignInStage;
import org.strongroom.identity.RoleCatalogue;

/**
 * The HTTP security of the JSON API under {@code /api/}: its own chain, ordered before the pages'
 * chain. Personal access tokens in the {@code Authorization} header are the only way in — no
 * session is read or created, so a browser's session cookie counts for nothing here and there is
 * nothing for CSRF to ride on; no form login, no HTTP Basic. Refusals are problem+json with RFC
 * 6750 challenges. The security headers come from the servlet filter ahead of all chains.
 */
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@Configuration(proxyBeanMethods = false)
class ApiSecurityConfiguration {

    @Bean
    @Order(50)
    SecurityFilterChain apiSecurity(HttpSecurity http, ApiTokens tokens, RoleCatalogue roles) throws Exception {
        ApiProblems.EntryPoint entryPoint = new ApiProblems.EntryPoint();
        http
                .securityMatcher("/api/**")
                .authorizeHttpRequests(requests -> requests
                        .requestMatchers("/api/v1/staff", "/api/v1/staff/**")
                                .access(ApiAccess.scopeAndPermission(ApiScope.USERS_READ, "user.manage", roles))
                        // Client records and access: the token's scope here, the permission on the client in the service.
                        .requestMatchers(HttpMethod.GET, "/api/v1/roles", "/api/v1/clients/*/access", "/api/v1/clients/*/my-access",
                                "/api/v1/clients/*/team", "/api/v1/clients/*/grants", "/api/v1/clients/*/grants/*")
                                .access(ApiAccess.scope(ApiScope.CLIENTS_READ))
                        // The master index, one record (and /clients/search), its history, the field catalogue.
                        .requestMatchers(HttpMethod.GET, "/api/v1/clients", "/api/v1/clients/*", "/api/v1/clients/*/history",
                                "/api/v1/catalogue")
                                .access(ApiAccess.scope(ApiScope.CLIENTS_READ))
                        // Documents: their own scopes (a token for documents need not read or change client records).
                        .requestMatchers(HttpMethod.GET, "/api/v1/document-folders", "/api/v1/clients/*/documents",
                                "/api/v1/clients/*/documents/**")
                                .access(ApiAccess.scope(ApiScope.DOCUMENTS_READ))
                        .requestMatchers(HttpMethod.HEAD, "/api/v1/clients/*/documents/**").access(ApiAccess.scope(ApiScope.DOCUMENTS_READ))
                        .requestMatchers("/api/v1/clients/*/documents", "/api/v1/clients/*/documents/**")
                                .access(ApiAccess.scope(ApiScope.DOCUMENTS_WRITE))
                        .requestMatchers(HttpMethod.PUT, "/api/v1/clients/*/team/*").access(ApiAccess.scope(ApiScope.CLIENTS_WRITE))
                        .requestMatchers(HttpMethod.POST, "/api/v1/clients/*/grants", "/api/v1/clients/*/grants/*/renew")
                                .access(ApiAccess.scope(ApiScope.CLIENTS_WRITE))
                        .requestMatchers(HttpMethod.DELETE, "/api/v1/clients/*/team/*", "/api/v1/clients/*/grants/*")
                                .access(ApiAccess.scope(ApiScope.CLIENTS_WRITE))
                        .requestMatchers("/api/v1/clients", "/api/v1/clients/**").access(ApiAccess.scope(ApiScope.CLIENTS_WRITE))
                        .anyRequest().hasAuthority(SignInStage.API_TOKEN))
                .addFilterBefore(new ApiTokenAuthenticationFilter(tokens, entryPoint), AnonymousAuthenticationFilter.class)
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .securityContext(context -> context.securityContextRepository(new RequestAttributeSecurityContextRepository()))
                .requestCache(cache -> cache.disable())
                // Bearer tokens only: a cross-site request cannot attach one, so CSRF has nothing to forge.
                .csrf(csrf -> csrf.disable())
                .formLogin(form -> form.disable())
                .httpBasic(basic -> basic.disable())
                .logout(logout -> logout.disable())
                .exceptionHandling(exceptions -> exceptions
                        .authenticationEntryPoint(entryPoint)
                        .accessDeniedHandler(new ApiProblems.Denied()))
                .headers(headers -> headers.disable());
        return http.build();
    }

    @Bean
    FilterRegistrationBean<ApiErrorDispatchFilter> apiErrorDispatchFilter() {
        FilterRegistrationBean<ApiErrorDispatchFilter> registration = new FilterRegistrationBean<>(new ApiErrorDispatchFilter());
        // After SecurityHeadersFilter (highest precedence), before Spring Security.
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 10);
        registration.setDispatcherTypes(DispatcherType.ERROR);
        registration.addUrlPatterns("/*");
        return registration;
    }
}
