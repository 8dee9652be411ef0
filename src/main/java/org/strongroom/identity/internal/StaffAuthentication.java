package org.strongroom.identity.internal;

import java.util.List;
import java.util.Locale;

import org.springframework.security.authentication.DisabledException;
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
import org.strongroom.identity.StaffStatus;

/**
 * Password sign-in. Spring Security's provider does the comparison and, for unknown emails,
 * hashes a dummy password so that "no such user" and "wrong password" take the same time. An
 * account without a password yet (invited) is compared against a dummy hash too, and the
 * account's state is checked only after the password, so disabled and invited accounts cost the
 * same as any other and reveal nothing to someone without the password. On success the
 * principal becomes a {@link StaffPrincipal} (id and role only), so the session row holds neither
 * the email nor the password hash, and the authentication carries no role yet: only
 * {@link org.strongroom.identity.SignInStage#SECOND_FACTOR_DUE} or
 * {@link org.strongroom.identity.SignInStage#ENROLMENT_DUE}.
 */
final class StaffAuthentication extends DaoAuthenticationProvider {

    private static final String STATUS_PREFIX = "STATUS_";

    private final EnrolledFactors factors;

    StaffAuthentication(Accounts accounts, PasswordEncoder passwords, EnrolledFactors factors) {
        super(userDetails(accounts, passwords.encode("unusable password placeholder, never matches")));
        setPasswordEncoder(passwords);
        this.factors = factors;
    }

    private static UserDetailsService userDetails(Accounts accounts, String unusableHash) {
        return email -> accounts.findCredentialsByEmail(email == null ? "" : email.strip().toLowerCase(Locale.ROOT))
                .map(c -> User.withUsername(c.id().toString())
                        // No password yet: a hash no input matches, computed at the same cost.
                        .password(c.passwordHash() == null ? unusableHash : c.passwordHash())
                        .authorities(List.of(new SimpleGrantedAuthority(c.role().authority()),
                                new SimpleGrantedAuthority(STATUS_PREFIX + c.status().name())))
                        .build())
                .orElseThrow(() -> new UsernameNotFoundException("unknown account"));
    }

    @Override
    protected Authentication createSuccessAuthentication(Object principal, Authentication authentication, UserDetails user) {
        StaffRole role = null;
        StaffStatus status = null;
        for (var authority : user.getAuthorities()) {
            String name = authority.getAuthority();
            if (name.startsWith("ROLE_")) {
                role = StaffRole.valueOf(name.substring("ROLE_".length()));
            } else if (name.startsWith(STATUS_PREFIX)) {
                status = StaffStatus.valueOf(name.substring(STATUS_PREFIX.length()));
            }
        }
        if (role == null || status != StaffStatus.ACTIVE) {
            // Same answer on the page as a wrong password; the event carries the reason.
            throw new DisabledException("account not active");
        }
        StaffPrincipal staff = new StaffPrincipal(StaffId.parse(user.getUsername()), role);
        // A password alone is never a complete sign-in: the result carries only the next stage.
        Authentication result = SignIns.passwordAccepted(staff, factors.hasAny(staff.id()));
        ((UsernamePasswordAuthenticationToken) result).setDetails(authentication.getDetails());
        return result;
    }
}
