package org.strongroom.clients;

/** How a field takes part in search (through blind indexes; values stay encrypted). */
public enum SearchMode {
    /** The whole normalised value (email, phone, date, national id, each tag). */
    EXACT,
    /** Each part of a person's name, in any order and spelling (Cyrillic or Latin, accents). */
    NAME,
    /** Not searchable. */
    NONE
}
