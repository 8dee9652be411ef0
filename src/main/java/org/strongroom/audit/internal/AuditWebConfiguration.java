package org.strongroom.audit.internal;

import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.security.authorization.AuthorizationEventPublisher;
import org.springframework.security.authorization.SpringAuthorizationEventPublisher;

import jakarta.servlet.DispatcherType;

/**
 * The audit trail's hooks into HTTP: a request id for every request, and Spring Security's
 * authorization denials published as events (both filter chains pick the publisher up) so that
 * {@link AccessDenialAudit} can record them.
 */
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@Configuration(proxyBeanMethods = false)
class AuditWebConfiguration {

    @Bean
    FilterRegistrationBean<RequestStamp.IdFilter> requestIdFilter() {
        FilterRegistrationBean<RequestStamp.IdFilter> registration = new FilterRegistrationBean<>(new RequestStamp.IdFilter());
        // Before everything else, so even a refused request has its id.
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
        registration.setDispatcherTypes(DispatcherType.REQUEST);
        registration.addUrlPatterns("/*");
        return registration;
    }

    @Bean
    AuthorizationEventPublisher authorizationEventPublisher(ApplicationEventPublisher events) {
        // Publishes denials only (granted decisions are the normal case and would flood the trail).
        return new SpringAuthorizationEventPublisher(events);
    }
}
