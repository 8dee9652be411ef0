package org.strongroom.documents;

/** Where a document is in its life. */
public enum DocumentStatus {
    /** Listed in its client's folders. */
    ACTIVE,
    /** In the trash: not listed, restorable until its purge time, then destroyed. */
    TRASHED,
    /** Bytes deleted and metadata wiped (trash purged, or the client's key destroyed); the row stays for the record. */
    DESTROYED
}
