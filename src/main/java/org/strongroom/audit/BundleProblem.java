package org.strongroom.audit;

/** What an offline check of a signed bundle found wrong at its first bad line. */
public enum BundleProblem {
    /** A line is not what the bundle format allows there (not JSON, a field missing or malformed, content after the trailer). */
    UNREADABLE,
    /** The bundle's public key is not the one expected ({@code --key-id}), or its key id is not that key's. */
    KEY_MISMATCH,
    /** An entry's sequence number is missing: an entry line was removed (or moved further down). */
    MISSING,
    /** Two entry lines were swapped, or an entry comes again after later ones. */
    REORDERED,
    /** An entry lies outside the range the header declares: a line was added. */
    INSERTED,
    /** The bundle ends before its last declared entry or before its signed trailer. */
    TRUNCATED,
    /** A checkpoint's signature is not valid under the bundle's key (forged, altered, or signed by another key). */
    CHECKPOINT_FORGED,
    /** A validly signed checkpoint does not match the stored MAC of the entry it follows. */
    CHECKPOINT_MISMATCH,
    /** The lines before the trailer do not hash to the SHA-256 in it: something was changed, added or removed after signing. */
    ALTERED,
    /** The trailer's signature is not a valid export signature of its SHA-256 under the bundle's key. */
    SIGNATURE_INVALID
}
