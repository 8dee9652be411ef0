package org.strongroom.access;

/** How much of a value of some sensitivity a role sees. Ordered from most to least. */
public enum Visibility {
    /** The value as stored. */
    FULL,
    /** A masked form (e.g. {@code •••• 1234}); the full value only by a deliberate, recorded reveal. */
    MASKED,
    /** Not shown at all, not even that a value exists. */
    HIDDEN;

    /** Whether this shows at least as much as {@code other}. */
    public boolean atLeast(Visibility other) {
        return ordinal() <= other.ordinal();
    }
}
