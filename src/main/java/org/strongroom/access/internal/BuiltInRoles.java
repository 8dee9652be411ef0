package org.strongroom.access.internal;

import static org.strongroom.access.Permission.*;

import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.strongroom.access.Permission;
import org.strongroom.access.Reach;
import org.strongroom.access.RoleDefinition;
import org.strongroom.access.Sensitivity;
import org.strongroom.access.Visibility;

/**
 * The roles that ship with the product. Defined in code (not in a table) so an upgrade that adds
 * a permission gives it to the right built-in roles at once; owners make custom roles for
 * anything else.
 */
final class BuiltInRoles {

    private static final Map<Sensitivity, Visibility> ALL = Map.of(
            Sensitivity.NORMAL, Visibility.FULL, Sensitivity.RESTRICTED, Visibility.FULL,
            Sensitivity.HIGHLY_RESTRICTED, Visibility.FULL);
    private static final Map<Sensitivity, Visibility> OFFICE = Map.of(
            Sensitivity.NORMAL, Visibility.FULL, Sensitivity.RESTRICTED, Visibility.MASKED,
            Sensitivity.HIGHLY_RESTRICTED, Visibility.HIDDEN);
    private static final Map<Sensitivity, Visibility> NOTHING = Map.of(
            Sensitivity.NORMAL, Visibility.HIDDEN, Sensitivity.RESTRICTED, Visibility.HIDDEN,
            Sensitivity.HIGHLY_RESTRICTED, Visibility.HIDDEN);

    /** Owners: everything, every client, every level in full. */
    static final RoleDefinition OWNER = new RoleDefinition("OWNER", null, true, Reach.ORGANISATION,
            EnumSet.allOf(Permission.class), ALL, 0);

    /**
     * Administrators run the office: staff, settings, keys, care teams, grants, reviews, the trail.
     * They see every client's everyday details, restricted ones masked, and no clinical notes.
     */
    static final RoleDefinition ADMINISTRATOR = new RoleDefinition("ADMINISTRATOR", null, true, Reach.ORGANISATION,
            EnumSet.of(CLIENT_READ, CLIENT_CREATE, CLIENT_UPDATE, CLIENT_CLOSE, CLIENT_EXPORT, CLIENT_ERASE, CLIENT_MERGE,
                    CLIENT_IMPORT, DOCUMENT_READ, DOCUMENT_UPLOAD, DOCUMENT_DELETE, ONBOARDING_MANAGE, APPOINTMENT_READ,
                    APPOINTMENT_MANAGE, CARE_TEAM_MANAGE, GRANT_MANAGE, BREAK_GLASS_REVIEW, ACCESS_REVIEW, AUDIT_READ,
                    AUDIT_EXPORT, USER_MANAGE, SETTINGS_MANAGE, KEYS_MANAGE, COMPLIANCE_READ, COMPLIANCE_MANAGE),
            OFFICE, 0);

    /** Practitioners: full clinical work for the clients on their care teams; break-the-glass for others. */
    static final RoleDefinition PRACTITIONER = new RoleDefinition("PRACTITIONER", null, true, Reach.CARE_TEAM,
            EnumSet.of(CLIENT_READ, CLIENT_CREATE, CLIENT_UPDATE, CLIENT_CLOSE, DOCUMENT_READ, DOCUMENT_UPLOAD,
                    DOCUMENT_DELETE, NOTE_READ, NOTE_WRITE, NOTE_SIGN, ONBOARDING_MANAGE, APPOINTMENT_READ,
                    APPOINTMENT_MANAGE, BREAK_GLASS_USE),
            ALL, 0);

    /** Front desk: finds any client, books and onboards; restricted details masked, clinical ones hidden. */
    static final RoleDefinition STAFF = new RoleDefinition("STAFF", null, true, Reach.ORGANISATION,
            EnumSet.of(CLIENT_READ, CLIENT_CREATE, CLIENT_UPDATE, DOCUMENT_READ, DOCUMENT_UPLOAD, ONBOARDING_MANAGE,
                    APPOINTMENT_READ, APPOINTMENT_MANAGE),
            OFFICE, 0);

    /** Auditors: evidence and the audit trail; no client content at all. */
    static final RoleDefinition AUDITOR = new RoleDefinition("AUDITOR", null, true, Reach.NONE,
            EnumSet.of(AUDIT_READ, AUDIT_EXPORT, ACCESS_REVIEW, COMPLIANCE_READ), NOTHING, 0);

    /** The client portal: the client's own record, without clinical notes. */
    static final RoleDefinition CLIENT = new RoleDefinition(RoleDefinition.CLIENT, null, true, Reach.OWN_RECORD,
            EnumSet.of(Permission.CLIENT_READ, DOCUMENT_READ, APPOINTMENT_READ),
            Map.of(Sensitivity.NORMAL, Visibility.FULL, Sensitivity.RESTRICTED, Visibility.FULL,
                    Sensitivity.HIGHLY_RESTRICTED, Visibility.HIDDEN), 0);

    static final List<RoleDefinition> ALL_ROLES = List.of(OWNER, ADMINISTRATOR, PRACTITIONER, STAFF, AUDITOR, CLIENT);

    private BuiltInRoles() {
    }

    static Optional<RoleDefinition> find(String key) {
        for (RoleDefinition role : ALL_ROLES) {
            if (role.key().equals(key)) {
                return Optional.of(role);
            }
        }
        return Optional.empty();
    }

    static boolean isBuiltIn(String key) {
        return find(key).isPresent();
    }
}
