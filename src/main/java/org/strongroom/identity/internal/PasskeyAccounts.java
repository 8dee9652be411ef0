package org.strongroom.identity.internal;

import java.util.List;

import org.springframework.security.authentication.DisabledException;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.strongroom.identity.StaffId;

/**
 * What Spring Security's WebAuthn provider asks after a valid assertion: does the account behind
 * the passkey (its WebAuthn user name is the staff id) exist and may it sign in? Unknown and
 * disabled accounts fail here, before any session changes. No roles are handed out: the sign-in
 * stage and role are decided by {@link PasskeySignIn}.
 */
final class PasskeyAccounts implements UserDetailsService {

    private final AccountStandings standings;

    PasskeyAccounts(AccountStandings standings) {
        this.standings = standings;
    }

    @Override
    public UserDetails loadUserByUsername(String username) {
        StaffId id;
        try {
            id = StaffId.parse(username);
        } catch (IllegalArgumentException e) {
            throw new UsernameNotFoundException("unknown account");
        }
        AccountStandings.Standing standing = standings.find(id)
                .orElseThrow(() -> new UsernameNotFoundException("unknown account"));
        if (!standing.active()) {
            throw new DisabledException("account disabled");
        }
        return User.withUsername(id.toString()).password("").authorities(List.<org.springframework.security.core.GrantedAuthority>of()).build();
    }
}
