package org.strongroom.clients;

/** Which record's value the survivor keeps for a field whose values differ. */
public enum MergeChoice {
    /** The survivor's own value (what happens to a differing field nobody chose for). */
    SURVIVOR,
    /** The value of the record merged into the survivor. */
    MERGED
}
