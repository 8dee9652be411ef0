package org.strongroom.identity.internal;

import java.time.Clock;
import java.time.Duration;

import jakarta.servlet.DispatcherType;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.convert.ConversionService;
import org.springframework.core.serializer.support.DeserializingConverter;
import org.springframework.core.serializer.support.SerializationFailedException;
import org.springframework.core.serializer.support.SerializingConverter;
import org.springframework.core.convert.support.GenericConversionService;
import org.springframework.session.config.SessionRepositoryCustomizer;
import org.springframework.session.jdbc.JdbcIndexedSessionRepository;
import org.springframework.session.web.http.SessionRepositoryFilter;
import org.strongroom.identity.SignInAttempts;
import org.strongroom.identity.SignInThrottleFilter;

/**
 * Session lifetimes and sign-in throttling. Every value is read when the context starts, not at
 * build time, so ahead-of-time processing freezes none of them:
 * <ul>
 *   <li>{@code strongroom.sessions.idle-timeout} (default 15 min) becomes Spring Session's
 *       maximum inactive interval;</li>
 *   <li>{@code strongroom.sessions.absolute-lifetime} (default 12 h) is enforced by
 *       {@link SessionLifetimeFilter};</li>
 *   <li>{@code strongroom.identity.throttle.*} shape the growing delays of {@link SignInThrottle}.</li>
 * </ul>
 */
@Configuration(proxyBeanMethods = false)
class SessionsConfiguration {

    /** Applied after Spring Boot's own customizer (which has order 0), so it wins. */
    @Bean
    SessionRepositoryCustomizer<JdbcIndexedSessionRepository> idleTimeout(
            @Value("${strongroom.sessions.idle-timeout:15m}") Duration idleTimeout) {
        if (idleTimeout.isNegative() || idleTimeout.isZero()) {
            throw new IllegalArgumentException("strongroom.sessions.idle-timeout must be positive");
        }
        return repository -> {
            repository.setDefaultMaxInactiveInterval(idleTimeout);
            repository.setConversionService(tolerantConversion(SessionsConfiguration.class.getClassLoader()));
        };
    }

    /**
     * Session attributes are Java-serialised as usual, but one that no longer deserialises — a
     * session written by an older release whose classes have since changed (e.g. the role that
     * became a key in 0.6) — reads as absent instead of failing every request that carries the
     * cookie: the person is simply asked to sign in again.
     */
    static ConversionService tolerantConversion(ClassLoader classLoader) {
        GenericConversionService conversion = new GenericConversionService();
        conversion.addConverter(Object.class, byte[].class, new SerializingConverter());
        DeserializingConverter deserializer = new DeserializingConverter(classLoader);
        conversion.addConverter(byte[].class, Object.class, source -> {
            try {
                return deserializer.convert(source);
            } catch (SerializationFailedException e) {
                return null;
            }
        });
        return conversion;
    }

    @Bean
    FilterRegistrationBean<SessionLifetimeFilter> sessionLifetimeFilter(Clock clock,
            @Value("${strongroom.sessions.absolute-lifetime:12h}") Duration absoluteLifetime,
            ApplicationEventPublisher events) {
        if (absoluteLifetime.isNegative() || absoluteLifetime.isZero()) {
            throw new IllegalArgumentException("strongroom.sessions.absolute-lifetime must be positive");
        }
        FilterRegistrationBean<SessionLifetimeFilter> registration =
                new FilterRegistrationBean<>(new SessionLifetimeFilter(clock, absoluteLifetime, events));
        // Right after Spring Session's filter (which provides the session), before Spring Security.
        registration.setOrder(SessionRepositoryFilter.DEFAULT_ORDER + 1);
        registration.setDispatcherTypes(DispatcherType.REQUEST);
        registration.addUrlPatterns("/*");
        return registration;
    }

    @Bean
    SignInThrottle signInThrottle(Clock clock,
            @Value("${strongroom.identity.throttle.account-free-failures:5}") int accountFreeFailures,
            @Value("${strongroom.identity.throttle.address-free-failures:20}") int addressFreeFailures,
            @Value("${strongroom.identity.throttle.first-delay:1s}") Duration firstDelay,
            @Value("${strongroom.identity.throttle.max-delay:15m}") Duration maxDelay) {
        return new SignInThrottle(new SignInThrottle.Policy(accountFreeFailures, firstDelay, maxDelay),
                new SignInThrottle.Policy(addressFreeFailures, firstDelay, maxDelay), clock);
    }

    @Bean
    SignInThrottleFilter signInThrottleFilter(SignInThrottle throttle, SignInKeys keys, SignInAttempts attempts) {
        return new SignInThrottleFilter(throttle, keys, attempts);
    }

    /** The throttle runs inside the security filter chain only, never as a servlet filter of its own. */
    @Bean
    FilterRegistrationBean<SignInThrottleFilter> signInThrottleFilterRegistration(SignInThrottleFilter filter) {
        FilterRegistrationBean<SignInThrottleFilter> registration = new FilterRegistrationBean<>(filter);
        registration.setEnabled(false);
        return registration;
    }
}
