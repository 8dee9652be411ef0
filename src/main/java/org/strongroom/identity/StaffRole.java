package org.strongroom.identity;

import java.io.Serial;
import java.io.Serializable;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The role a staff account holds, named by its key. The five built-in roles are constants here;
 * owners may define more in the access module, which also decides what each role may do — identity
 * only stores the key and treats {@link #OWNER} specially (only owners make owners, the last owner
 * stays). Keys are upper-case letters, digits and underscores, 2–40 characters.
 */
public record StaffRole(String key) implements Serializable {

    @Serial
    private static final long serialVersionUID = 2L;

    private static final Pattern KEY = Pattern.compile("[A-Z][A-Z0-9_]{1,39}");

    public static final StaffRole OWNER = new StaffRole("OWNER");
    public static final StaffRole ADMINISTRATOR = new StaffRole("ADMINISTRATOR");
    public static final StaffRole PRACTITIONER = new StaffRole("PRACTITIONER");
    public static final StaffRole STAFF = new StaffRole("STAFF");
    public static final StaffRole AUDITOR = new StaffRole("AUDITOR");

    private static final List<StaffRole> BUILT_IN = List.of(OWNER, ADMINISTRATOR, PRACTITIONER, STAFF, AUDITOR);

    public StaffRole {
        Objects.requireNonNull(key, "key");
        if (!KEY.matcher(key).matches()) {
            throw new IllegalArgumentException("A role key is 2-40 upper-case letters, digits or underscores");
        }
    }

    /** The role with this key; throws {@link IllegalArgumentException} for a malformed key. */
    public static StaffRole valueOf(String key) {
        for (StaffRole role : BUILT_IN) {
            if (role.key.equals(key)) {
                return role;
            }
        }
        return new StaffRole(key);
    }

    /** Whether the text is a well-formed role key (it may still name no role). */
    public static boolean isWellFormed(String key) {
        return key != null && KEY.matcher(key).matches();
    }

    /** The built-in roles, most powerful first. */
    public static List<StaffRole> builtIn() {
        return BUILT_IN;
    }

    public boolean isBuiltIn() {
        return BUILT_IN.contains(this);
    }

    /** The key, as stored and shown in the API. */
    public String name() {
        return key;
    }

    /** The Spring Security authority name, e.g. {@code ROLE_OWNER}. */
    public String authority() {
        return "ROLE_" + key;
    }

    @Override
    public String toString() {
        return key;
    }
}
