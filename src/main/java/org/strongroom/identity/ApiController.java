package org.strongroom.identity;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.web.bind.annotation.RestController;

/**
 * Marks a controller of the JSON API under {@code /api/v1}: reached only with a personal access
 * token (never a browser session), answering errors as RFC 9457 {@code application/problem+json}.
 * Use it instead of {@code @RestController} on every API controller, in any module.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@RestController
public @interface ApiController {
}
