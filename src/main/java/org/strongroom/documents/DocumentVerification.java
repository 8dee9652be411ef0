package org.strongroom.documents;

import java.util.List;
import java.util.UUID;

/**
 * Proves the document store is whole: every recorded version's object exists and decrypts to
 * its recorded size, and every object in the store belongs to a recorded version. Objects that
 * belong to nothing (left by a crash between storing bytes and recording them) are listed, and
 * removed when asked. Run by {@code strongroom documents verify}.
 */
public interface DocumentVerification {

    /**
     * @param cleanOrphans delete objects that belong to no version (only those older than an hour,
     *                     so that an upload in progress beside is not touched)
     */
    Report verify(boolean cleanOrphans, Progress progress);

    @FunctionalInterface
    interface Progress {
        /** Called as streams are checked: bytes done of bytes total. */
        void advanced(long bytesDone, long bytesTotal);
    }

    /**
     * @param damaged  document id and version of each stream that is missing or does not decrypt intact
     * @param orphans  keys of objects that belong to no version
     * @param orphansRemoved how many of them were deleted
     * @param unfinishedRemoved abandoned unfinished writes removed
     */
    record Report(long versionsChecked, long bytesChecked, List<Damage> damaged, List<String> orphans, int orphansRemoved,
                  int unfinishedRemoved, long skippedDestroyedKeys) {

        public boolean healthy() {
            return damaged.isEmpty() && orphans.size() == orphansRemoved;
        }
    }

    /** @param problem {@code missing}, {@code size} (decrypted length differs) or {@code decrypt} */
    record Damage(UUID documentId, int version, String problem) {
    }
}
