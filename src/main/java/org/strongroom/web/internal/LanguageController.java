package org.strongroom.web.internal;

import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import java.util.Locale;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.LocaleResolver;

/** The language menu in the footer: saves the choice and returns to the page it came from. */
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@Controller
class LanguageController {

    private final LocaleResolver locales;

    LanguageController(LocaleResolver locales) {
        this.locales = locales;
    }

    @PostMapping("/preferences/language")
    String change(@RequestParam(name = "lang", defaultValue = "en") String lang,
                  @RequestParam(name = "return", defaultValue = "/") String returnTo,
                  HttpServletRequest request, HttpServletResponse response) {
        locales.setLocale(request, response, Locale.forLanguageTag(lang.length() > 8 ? "en" : lang));
        return "redirect:" + safeReturnPath(returnTo);
    }

    /** Only a local absolute path: no scheme, no host, no protocol-relative {@code //evil}. */
    static String safeReturnPath(String path) {
        if (path.length() > 512 || !path.startsWith("/") || path.startsWith("//") || path.startsWith("/\\")
                || path.chars().anyMatch(c -> c < 0x21 || c == '\\' || c == 0x7f)) {
            return "/";
        }
        return path;
    }
}
