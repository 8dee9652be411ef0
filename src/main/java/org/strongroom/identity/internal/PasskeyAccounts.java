package org.strongroom.identity.internal;

import java.util.List;

import org.springframework.security.authentication.DisabledException;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.strongroom.identity.StaffId;
import org.strongroom.identity.StaffStatus;

/**
 * What Spring Security's WebAuthn provider asks after a valid assertion: does the account behind
 * the passkey (its WebAuthn user name is the staff id) exist and may it sign in? Unknown and
 * accounts that are not active (invited, disabled, offboarded) fail here, before any session changes. No roles are handed out: the sign-in
 * stage and role are decided by {@link PasskeySignIn}.
 */
final class PasskeyAccounts implements UserDetailsService {

    private final Accounts accounts;

    PasskeyAccounts(Accounts accounts) {
        this.accounts = accounts;
    }

    @Override
    public UserDetails loadUserByUsername(String username) {
        StaffId id;
        try {
            id = StaffId.parse(username);
        } catch (IllegalArgumentException e) {
            throw new UsernameNotFoundException("unknown account");
        }
        Accounts.Credentials account = accounts.findCredentials(id)
                .orElseThrow(() -> new UsernameNotFoundException("unknown account"));
        if (account.status() != StaffStatus.ACTIVE) {
            throw new DisabledException("account disabled");
        }
        return User.withUsername(id.toString()).password("").authorities(List.<org.springframework.security.core.GrantedAuthority>of()).build();
    }
}
