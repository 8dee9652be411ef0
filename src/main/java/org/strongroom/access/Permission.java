package org.strongroom.access;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * A named permission. Roles are sets of these. A <em>client-bound</em> permission is about one
 * client's record and is granted only within the holder's reach (organisation, care team, grant,
 * break-the-glass, own record); an organisation-level one is about the business as a whole.
 */
public enum Permission {
    CLIENT_READ(true),
    CLIENT_CREATE(false),
    CLIENT_UPDATE(true),
    CLIENT_CLOSE(true),
    CLIENT_EXPORT(true),
    CLIENT_ERASE(true),
    CLIENT_MERGE(true),
    CLIENT_IMPORT(false),
    DOCUMENT_READ(true),
    DOCUMENT_UPLOAD(true),
    DOCUMENT_DELETE(true),
    NOTE_READ(true),
    NOTE_WRITE(true),
    NOTE_SIGN(true),
    ONBOARDING_MANAGE(true),
    APPOINTMENT_READ(true),
    APPOINTMENT_MANAGE(true),
    CARE_TEAM_MANAGE(true),
    GRANT_MANAGE(true),
    BREAK_GLASS_USE(false),
    BREAK_GLASS_REVIEW(false),
    ACCESS_REVIEW(false),
    AUDIT_READ(false),
    AUDIT_EXPORT(false),
    USER_MANAGE(false),
    ROLE_MANAGE(false),
    SETTINGS_MANAGE(false),
    KEYS_MANAGE(false),
    COMPLIANCE_READ(false),
    COMPLIANCE_MANAGE(false);

    private final boolean clientBound;
    private final String code;

    Permission(boolean clientBound) {
        this.clientBound = clientBound;
        String lower = name().toLowerCase(Locale.ROOT);
        int split = lower.startsWith("break_glass_") || lower.startsWith("care_team_") ? lower.lastIndexOf('_') : lower.indexOf('_');
        this.code = lower.substring(0, split) + "." + lower.substring(split + 1);
    }

    /** The code, e.g. {@code client.read}, {@code break_glass.use}, {@code care_team.manage}. */
    public String code() {
        return code;
    }

    /** Whether the permission concerns one client's record (and so needs that client in reach). */
    public boolean clientBound() {
        return clientBound;
    }

    public static Optional<Permission> fromCode(String code) {
        return Arrays.stream(values()).filter(p -> p.code.equals(code)).findFirst();
    }

    /** The area a permission belongs to, for grouping: {@code client}, {@code document}, … */
    public String area() {
        return code.substring(0, code.indexOf('.'));
    }
}
