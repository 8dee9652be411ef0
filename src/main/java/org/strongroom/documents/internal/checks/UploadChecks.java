package org.strongroom.documents.internal.checks;

import java.io.IOException;
import java.io.InputStream;

/**
 * The checks every upload passes before anything is recorded: type by content against the
 * allow-list (never the name or the sender's claim), the size limit, optional removal of image
 * metadata, an optional malware scan (clamd). Archives are never unpacked.
 *
 * <p>Use: {@link #begin} (reads the first bytes and refuses a wrong type at once), copy
 * {@link CheckedUpload#content()} to its destination, then {@link CheckedUpload#finish()} for the
 * verdict. Any refusal is an {@link UploadRefused} with a message key; the caller then discards
 * whatever it wrote.
 */
public interface UploadChecks {

    /**
     * @param body        the plaintext as it arrives
     * @param offeredName the sender's file name (untrusted)
     * @param stripImageMetadata remove image metadata (also done when the setting says always)
     * @throws UploadRefused for an empty upload or a type not allowed
     * @throws IOException   when reading the body fails (an interrupted upload)
     */
    CheckedUpload begin(InputStream body, String offeredName, boolean stripImageMetadata) throws IOException;

    /** The largest upload accepted, in bytes ({@code strongroom.documents.max-size}). */
    long maxSize();
}
