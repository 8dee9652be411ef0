package org.strongroom.access;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationContext;
import org.springframework.security.web.FilterChainProxy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.csrf.CsrfFilter;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.servlet.handler.AbstractUrlHandlerMapping;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.RequestMappingInfoHandlerMapping;
import org.strongroom.testing.TestFolders;

/**
 * Every endpoint the server answers has a line in the endpoint matrix
 * ({@code src/test/resources/access/endpoint-matrix.tsv}), and every line names an endpoint that
 * exists — so a new controller method, a new Spring Security endpoint or a new actuator endpoint
 * without a decided authorization fails the build. Endpoints are read from the running context:
 * every request-mapping handler mapping (controllers and actuator; a mapping without methods
 * counts as GET and POST), the URL handler mappings (static resources), and the request matchers
 * of the security filters that answer requests themselves (login, logout, passkeys).
 */
@SpringBootTest(properties = "strongroom.data-dir=target/test-data/endpoint-matrix")
class EndpointMatrixCompletenessTests {

    static {
        TestFolders.fresh("endpoint-matrix");
    }

    /** {@code PathPattern [POST /login]} or {@code PathPattern [/x]}: Spring Security's matcher's description. */
    private static final Pattern PATH_PATTERN = Pattern.compile("PathPattern \\[(?:([A-Z]+) )?(/\\S*)\\]");

    @Autowired
    ApplicationContext context;

    @Test
    void everyEndpointHasAMatrixLineAndEveryLineAnEndpoint() {
        SortedSet<String> endpoints = endpoints();
        SortedSet<String> lines = new TreeSet<>();
        EndpointMatrix.load().forEach(line -> lines.add(line.endpoint()));

        SortedSet<String> missing = new TreeSet<>(endpoints);
        missing.removeAll(lines);
        SortedSet<String> stale = new TreeSet<>(lines);
        stale.removeAll(endpoints);

        SoftAssertions.assertSoftly(softly -> {
            softly.assertThat(missing).as("endpoints without a line in " + EndpointMatrix.RESOURCE
                    + " (add one per endpoint: see the file's header)").isEmpty();
            softly.assertThat(stale).as("lines of " + EndpointMatrix.RESOURCE + " that match no endpoint (removed or renamed?)")
                    .isEmpty();
        });
    }

    @Test
    void readsTheEndpointsOfEveryKind() {
        assertThat(endpoints()).contains("GET /admin/users", "POST /admin/users/{id}/{action}", "GET /api/v1/me",
                "POST /login", "POST /logout", "POST /login/webauthn", "DELETE /webauthn/register/{id}",
                "GET /actuator/health", "GET /**", "GET /error", "POST /error");
    }

    SortedSet<String> endpoints() {
        SortedSet<String> endpoints = new TreeSet<>();
        context.getBeansOfType(RequestMappingInfoHandlerMapping.class).values().forEach(mapping -> {
            for (RequestMappingInfo info : mapping.getHandlerMethods().keySet()) {
                Set<RequestMethod> methods = info.getMethodsCondition().getMethods();
                List<String> names = methods.isEmpty() ? List.of("GET", "POST")
                        : methods.stream().map(RequestMethod::name).toList();
                for (String pattern : info.getPatternValues()) {
                    names.forEach(method -> endpoints.add(method + " " + pattern));
                }
            }
        });
        context.getBeansOfType(AbstractUrlHandlerMapping.class).values().forEach(mapping ->
                mapping.getHandlerMap().keySet().forEach(pattern -> endpoints.add("GET " + pattern)));
        endpoints.addAll(securityEndpoints());
        return endpoints;
    }

    /**
     * The endpoints that security filters answer themselves, read from their request matchers
     * (instance fields; the static ones are defaults or copies). A matcher this test cannot read
     * fails it, so a new kind of filter endpoint is noticed rather than skipped.
     */
    List<String> securityEndpoints() {
        List<String> found = new ArrayList<>();
        List<String> unreadable = new ArrayList<>();
        for (SecurityFilterChain chain : context.getBean(FilterChainProxy.class).getFilterChains()) {
            for (Object filter : chain.getFilters()) {
                if (filter instanceof CsrfFilter) {
                    continue; // its matcher selects methods to protect, it answers no path
                }
                for (Class<?> type = filter.getClass(); type != Object.class; type = type.getSuperclass()) {
                    for (Field field : type.getDeclaredFields()) {
                        if (Modifier.isStatic(field.getModifiers()) || !RequestMatcher.class.isAssignableFrom(field.getType())) {
                            continue;
                        }
                        Object matcher = read(field, filter);
                        if (matcher == null) {
                            continue;
                        }
                        Matcher m = PATH_PATTERN.matcher(matcher.toString());
                        if (m.matches()) {
                            if (m.group(1) == null) {
                                found.add("GET " + m.group(2));
                                found.add("POST " + m.group(2));
                            } else {
                                found.add(m.group(1) + " " + m.group(2));
                            }
                        } else {
                            unreadable.add(filter.getClass().getName() + "." + field.getName() + " = " + matcher);
                        }
                    }
                }
            }
        }
        assertThat(unreadable).as("security filter matchers this test cannot read; teach it their form").isEmpty();
        return found;
    }

    private static Object read(Field field, Object target) {
        try {
            field.setAccessible(true);
            return field.get(target);
        } catch (ReflectiveOperationException | RuntimeException e) {
            throw new AssertionError("cannot read " + field, e);
        }
    }
}
