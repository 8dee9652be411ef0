package org.strongroom.identity.internal;

import java.util.List;

import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.strongroom.identity.StaffId;
import org.strongroom.identity.StaffPrincipal;
import org.strongroom.identity.StaffRole;

/**
 * Password sign-in. Spring Security's provider does the comparison and, for unknown emails,
 * hashes a dummy password so that "no such user" and "wrong password" take the same time. On
 * success the principal becomes a {@link StaffPrincipal} (id and role only), so the session row
 * holds neither the email nor the password hash.
 */
final class StaffAuthentication extends DaoAuthenticationProvider {

    StaffAuthentication(Accounts accounts, PasswordEncoder passwords) {
        super(userDetails(accounts));
        setPasswordEncoder(passwords);
    }

    private static UserDetailsService userDetails(Accounts accounts) {
        return email -> accounts.findCredentialsByEmail(email == null ? "" : email.strip().toLowerCase(java.util.Locale.ROOT))
                .map(c -> User.withUsername(c.id().toString())
                        .password(c.passwordHash())
                        .authorities(List.of(new SimpleGrantedAuthority(c.role().authority())))
                        .disabled(!c.active())
                        .build())
                .orElseThrow(() -> new UsernameNotFoundException("unknown account"));
    }

    @Override
    protected Authentication createSuccessAuthentication(Object principal, Authentication authentication, UserDetails user) {
        StaffRole role = user.getAuthorities().stream()
                .map(a -> StaffRole.valueOf(a.getAuthority().substring("ROLE_".length())))
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("account without role"));
        StaffPrincipal staff = new StaffPrincipal(StaffId.parse(user.getUsername()), role);
        UsernamePasswordAuthenticationToken result =
                UsernamePasswordAuthenticationToken.authenticated(staff, null, user.getAuthorities());
        result.setDetails(authentication.getDetails());
        return result;
    }
}
