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
 * holds neither the email nor the password hash, and the authentication carries no role yet:
 * only {@link org.strongroom.identity.SignInStage#SECOND_FACTOR_DUE} or
 * {@link org.strongroom.identity.SignInStage#ENROLMENT_DUE}.
 */
final class StaffAuthentication extends DaoAuthenticationProvider {

    private final EnrolledFactors factors;

    StaffAuthentication(Accounts accounts, PasswordEncoder passwords, EnrolledFactors factors) {
        super(userDetails(accounts));
        setPasswordEncoder(passwords);
        this.factors = factors;
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
        // A password alone is never a complete sign-in: the result carries only the next stage.
        Authentication result = SignIns.passwordAccepted(staff, factors.hasAny(staff.id()));
        ((UsernamePasswordAuthenticationToken) result).setDetails(authentication.getDetails());
        return result;
    }
}
