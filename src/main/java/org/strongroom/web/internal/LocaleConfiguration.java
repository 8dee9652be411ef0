package org.strongroom.web.internal;

import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import java.util.List;
import java.util.Locale;

import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;

import org.jspecify.annotations.Nullable;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.servlet.LocaleResolver;
import org.strongroom.identity.StaffDirectory;
import org.strongroom.identity.StaffPrincipal;

/**
 * Which language a page is in: the signed-in person's saved choice (cached in the session), else
 * the choice made on this device (a cookie holding only the language tag, so the sign-in page
 * keeps it), else the browser's Accept-Language — limited to the languages Strongroom ships.
 * Anything else falls back to English.
 */
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@Configuration(proxyBeanMethods = false)
class LocaleConfiguration {

    static final List<Locale> SUPPORTED = List.of(Locale.ENGLISH, Locale.forLanguageTag("uk"));
    static final String SESSION_LOCALE = LocaleConfiguration.class.getName() + ".locale";
    static final String SESSION_LOCALE_OWNER = LocaleConfiguration.class.getName() + ".owner";

    @Bean
    LocaleResolver localeResolver(StaffDirectory staff) {
        return new StrongroomLocaleResolver(staff);
    }

    static Locale supported(@Nullable Locale requested) {
        if (requested == null) {
            return Locale.ENGLISH;
        }
        for (Locale locale : SUPPORTED) {
            if (locale.getLanguage().equals(requested.getLanguage())) {
                return locale;
            }
        }
        return Locale.ENGLISH;
    }

    static final class StrongroomLocaleResolver implements LocaleResolver {

        /** Remembers the choice on this device, also after sign-out. Holds only a language tag. */
        static final String COOKIE = "__Host-strongroom-lang";

        private final StaffDirectory staff;

        StrongroomLocaleResolver(StaffDirectory staff) {
            this.staff = staff;
        }

        @Override
        public Locale resolveLocale(HttpServletRequest request) {
            StaffPrincipal principal = currentStaff();
            if (principal != null) {
                HttpSession session = request.getSession(false);
                if (session != null && session.getAttribute(SESSION_LOCALE) instanceof Locale cached
                        && principal.getName().equals(session.getAttribute(SESSION_LOCALE_OWNER))) {
                    return cached;
                }
                String saved = staff.find(principal.id()).map(p -> p.locale()).orElse(null);
                if (saved != null) {
                    Locale locale = supported(Locale.forLanguageTag(saved));
                    cache(request, principal, locale);
                    return locale;
                }
            }
            Locale fromCookie = cookieLocale(request);
            return fromCookie != null ? fromCookie : browserLocale(request);
        }

        @Override
        public void setLocale(HttpServletRequest request, @Nullable HttpServletResponse response, @Nullable Locale locale) {
            Locale chosen = supported(locale);
            StaffPrincipal principal = currentStaff();
            if (principal != null) {
                staff.setPreferredLocale(principal.id(), chosen);
                cache(request, principal, chosen);
            }
            if (response != null) {
                Cookie cookie = new Cookie(COOKIE, chosen.getLanguage());
                cookie.setPath("/");
                cookie.setSecure(true);
                cookie.setHttpOnly(true);
                cookie.setMaxAge((int) java.time.Duration.ofDays(365).toSeconds());
                cookie.setAttribute("SameSite", "Lax");
                response.addCookie(cookie);
            }
        }

        private static void cache(HttpServletRequest request, StaffPrincipal principal, Locale locale) {
            request.getSession().setAttribute(SESSION_LOCALE, locale);
            request.getSession().setAttribute(SESSION_LOCALE_OWNER, principal.getName());
        }

        private static @Nullable Locale cookieLocale(HttpServletRequest request) {
            Cookie[] cookies = request.getCookies();
            if (cookies == null) {
                return null;
            }
            for (Cookie cookie : cookies) {
                if (COOKIE.equals(cookie.getName())) {
                    for (Locale locale : SUPPORTED) {
                        if (locale.getLanguage().equals(cookie.getValue())) {
                            return locale;
                        }
                    }
                }
            }
            return null;
        }

        private static Locale browserLocale(HttpServletRequest request) {
            if (request.getHeader("Accept-Language") == null) {
                return Locale.ENGLISH;
            }
            for (java.util.Enumeration<Locale> e = request.getLocales(); e.hasMoreElements(); ) {
                Locale candidate = e.nextElement();
                for (Locale locale : SUPPORTED) {
                    if (locale.getLanguage().equals(candidate.getLanguage())) {
                        return locale;
                    }
                }
            }
            return Locale.ENGLISH;
        }

        private static @Nullable StaffPrincipal currentStaff() {
            Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
            return authentication != null && authentication.getPrincipal() instanceof StaffPrincipal staff ? staff : null;
        }
    }
}
