package org.strongroom.identity.internal;

import java.io.Serial;
import java.util.ArrayList;
import java.util.List;

import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.strongroom.identity.ApiScope;
import org.strongroom.identity.AuthenticatedApiToken;
import org.strongroom.identity.SignInStage;
import org.strongroom.identity.StaffPrincipal;

/**
 * A request authenticated by a personal access token. Its authorities are the account's role,
 * {@link SignInStage#API_TOKEN} and one {@code SCOPE_…} per scope — never
 * {@link SignInStage#COMPLETE}, so a token can never stand in for a browser sign-in. It lives for
 * one request only and is never stored in a session.
 */
public final class ApiTokenAuthentication extends AbstractAuthenticationToken {

    @Serial
    private static final long serialVersionUID = 1L;

    private final transient AuthenticatedApiToken token;

    ApiTokenAuthentication(AuthenticatedApiToken token) {
        super(authorities(token));
        this.token = token;
        // Also as the details, so modules that only know identity's public API can tell a token's
        // request from a person's (the audit trail names the token as the actor).
        setDetails(token);
        super.setAuthenticated(true);
    }

    static List<GrantedAuthority> authorities(AuthenticatedApiToken token) {
        List<GrantedAuthority> authorities = new ArrayList<>();
        authorities.add(new SimpleGrantedAuthority(token.staff().role().authority()));
        authorities.add(new SimpleGrantedAuthority(SignInStage.API_TOKEN));
        for (ApiScope scope : token.scopes()) {
            authorities.add(new SimpleGrantedAuthority(scope.authority()));
        }
        return authorities;
    }

    /** The accepted token: its id, scopes and expiry. */
    public AuthenticatedApiToken token() {
        return token;
    }

    @Override
    public StaffPrincipal getPrincipal() {
        return token.staff();
    }

    /** A bearer token is not kept after it was checked. */
    @Override
    public Object getCredentials() {
        return "";
    }

    @Override
    public void setAuthenticated(boolean authenticated) {
        if (authenticated) {
            throw new IllegalArgumentException("an API token authentication is created authenticated, not made so later");
        }
        super.setAuthenticated(false);
    }

    @Override
    public String toString() {
        return "ApiTokenAuthentication[token=" + token.id() + ", staff=" + token.staff().id() + "]";
    }
}
