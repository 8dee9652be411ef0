package org.strongroom.access;

/**
 * How sensitive a field or document is. Roles state for each level whether they see it in full,
 * masked, or not at all.
 */
public enum Sensitivity {
    /** Everyday details: name, preferred name, contact details. */
    NORMAL,
    /** Health, financial or government-id details. */
    RESTRICTED,
    /** Psychotherapy notes and anything a breach of would do grave harm. */
    HIGHLY_RESTRICTED
}
