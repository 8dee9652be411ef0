package org.strongroom.clients;

/**
 * Why a field is a candidate for data minimisation ("collect only essential data"), each with the
 * action the inventory suggests.
 */
public enum InventorySuggestion {
    /** Switched on but filled for fewer than 5 % of clients: switch it off, or say why it is needed. */
    RARELY_FILLED,
    /**
     * Some roles see it masked and nobody revealed it in the window: those roles may not need it at
     * all; consider hiding its sensitivity level from them.
     */
    NEVER_REVEALED,
    /** Switched off, yet values are still kept for some clients: erase them, or switch it on with a purpose. */
    OFF_BUT_KEPT
}
