package org.strongroom.identity;

import java.io.Serial;
import java.io.Serializable;
import java.util.Objects;

import org.springframework.security.core.AuthenticatedPrincipal;

/**
 * Who is signed in, as kept in the (database-stored) session: the account id and role only —
 * no name, no email, no credential — so a session row holds no personal data.
 */
public record StaffPrincipal(StaffId id, StaffRole role) implements AuthenticatedPrincipal, Serializable {

    @Serial
    private static final long serialVersionUID = 1L;

    public StaffPrincipal {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(role, "role");
    }

    /** The account id as text; this is what Spring Session indexes sessions by. */
    @Override
    public String getName() {
        return id.toString();
    }
}
