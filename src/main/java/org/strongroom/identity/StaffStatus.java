package org.strongroom.identity;

/** Where an account is in its life. Only {@link #ACTIVE} accounts can sign in or use tokens. */
public enum StaffStatus {
    /** Invited; the person has not set a password yet. */
    INVITED,
    ACTIVE,
    /** Turned off by an administrator or for inactivity; can be re-enabled. */
    DISABLED,
    /** Left the organisation: sessions, tokens and factors gone, address freed; final. */
    OFFBOARDED
}
