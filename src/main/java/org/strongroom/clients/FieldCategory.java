package org.strongroom.clients;

/** The category of personal data a field holds, as data-protection law groups it. */
public enum FieldCategory {
    IDENTITY, CONTACT, HEALTH, FINANCIAL, GOVERNMENT_ID, OTHER
}
