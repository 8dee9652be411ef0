package org.strongroom.access;

import java.util.Objects;
import java.util.UUID;

import org.strongroom.identity.StaffId;
import org.strongroom.identity.StaffPrincipal;
import org.strongroom.identity.StaffRole;

/** Who is asking: a staff member in their current role, or a client in the portal. */
public sealed interface Actor {

    /** The role key whose definition applies. */
    String roleKey();

    /** An id for the audit trail. */
    String id();

    static Actor of(StaffPrincipal principal) {
        return new Staff(principal.id(), principal.role());
    }

    record Staff(StaffId staffId, StaffRole role) implements Actor {
        public Staff {
            Objects.requireNonNull(staffId, "staffId");
            Objects.requireNonNull(role, "role");
        }

        @Override
        public String roleKey() {
            return role.key();
        }

        @Override
        public String id() {
            return staffId.toString();
        }
    }

    /** A client signed in to the portal: the client portal role, own record only. */
    record Client(UUID clientId) implements Actor {
        public Client {
            Objects.requireNonNull(clientId, "clientId");
        }

        @Override
        public String roleKey() {
            return RoleDefinition.CLIENT;
        }

        @Override
        public String id() {
            return clientId.toString();
        }
    }
}
