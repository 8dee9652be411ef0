package org.strongroom.clients;

/** What kind of value a catalogue field holds; decides validation, normalisation and the input shown. */
public enum FieldType {
    /** One line of text, at most 200 characters. */
    TEXT,
    /** Several lines, at most 4,000 characters. */
    LONG_TEXT,
    /** An email address, stored normalised. */
    EMAIL,
    /** A phone number, stored in E.164 form (+380501234567). */
    PHONE,
    /** A calendar date, ISO-8601 (2026-11-30). */
    DATE,
    /** A postal address, several lines. */
    ADDRESS,
    /** One of the field's choices. */
    CHOICE,
    /** A decimal number. */
    NUMBER,
    /** A national identifier (tax number, passport), check digits verified where configured. */
    NATIONAL_ID,
    /** A set of short labels. */
    TAGS
}
