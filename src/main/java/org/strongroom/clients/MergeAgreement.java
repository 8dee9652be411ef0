package org.strongroom.clients;

/** How one field's values of two records compare (on the real values, masked or not). */
public enum MergeAgreement {
    /** Both have the same value. */
    EQUAL,
    /** Both have a value, and the values differ: the one to keep can be chosen. */
    DIFFERENT,
    /** Only the first record has a value. */
    ONLY_FIRST,
    /** Only the second record has a value (a merge copies it to the first). */
    ONLY_SECOND,
    /** Neither has a value. */
    EMPTY
}
