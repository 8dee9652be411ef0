package org.strongroom.identity.internal;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;

import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.web.filter.OncePerRequestFilter;
import org.strongroom.identity.StaffPrincipal;
import org.strongroom.identity.StaffRole;
import org.strongroom.identity.StaffStatus;

/**
 * Checks, on every request of a signed-in session, that the account is still active and still
 * has the role the session was made with. A disabled or offboarded account's session ends on its
 * next request even if ending its sessions failed; a changed role applies from the next request.
 * One primary-key read per request.
 */
public final class LiveAccountFilter extends OncePerRequestFilter {

    private final Accounts accounts;

    public LiveAccountFilter(Accounts accounts) {
        this.accounts = accounts;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication != null && authentication.getPrincipal() instanceof StaffPrincipal staff
                && request.getSession(false) != null) {
            Optional<Accounts.Credentials> now = accounts.findCredentials(staff.id());
            if (now.isEmpty() || now.get().status() != StaffStatus.ACTIVE) {
                HttpSession session = request.getSession(false);
                session.invalidate();
                SecurityContextHolder.clearContext();
                response.sendRedirect("/login?ended");
                return;
            }
            if (!now.get().role().equals(staff.role())) {
                SecurityContext context = SecurityContextHolder.createEmptyContext();
                context.setAuthentication(withRole(authentication, now.get().role()));
                SecurityContextHolder.setContext(context);
                request.getSession().setAttribute(HttpSessionSecurityContextRepository.SPRING_SECURITY_CONTEXT_KEY, context);
            }
        }
        chain.doFilter(request, response);
    }

    private static Authentication withRole(Authentication old, StaffRole role) {
        StaffPrincipal principal = new StaffPrincipal(((StaffPrincipal) old.getPrincipal()).id(), role);
        List<GrantedAuthority> authorities = new ArrayList<>();
        for (GrantedAuthority a : old.getAuthorities()) {
            if (!a.getAuthority().startsWith("ROLE_")) {
                authorities.add(a);
            } else {
                authorities.add(new SimpleGrantedAuthority(role.authority()));
            }
        }
        return UsernamePasswordAuthenticationToken.authenticated(principal, null, authorities);
    }
}
