package org.strongroom.web.internal;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.dao.DataAccessException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.strongroom.identity.StaffDirectory;
import org.strongroom.identity.SignInStage;
import org.strongroom.identity.StaffPrincipal;

/** What every page's shell needs: who is signed in (for the header) and where the page is (for the language menu). */
@ControllerAdvice
class ShellModelAdvice {

    private final StaffDirectory staff;

    ShellModelAdvice(StaffDirectory staff) {
        this.staff = staff;
    }

    @ModelAttribute("shellUser")
    Object shellUser() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        // Half-way through signing in (password only) the shell shows no navigation or name.
        if (authentication != null && authentication.getPrincipal() instanceof StaffPrincipal principal
                && authentication.getAuthorities().stream().anyMatch(a -> SignInStage.COMPLETE.equals(a.getAuthority()))) {
            try {
                return staff.find(principal.id()).orElse(null);
            } catch (DataAccessException e) {
                // The shell must render even when the database is failing (e.g. on the error page).
                return null;
            }
        }
        return null;
    }

    @ModelAttribute("currentPath")
    String currentPath(HttpServletRequest request) {
        String query = request.getQueryString();
        String path = request.getRequestURI() + (query == null ? "" : "?" + query);
        return LanguageController.safeReturnPath(path);
    }
}
