package org.strongroom.documents;

import java.io.InputStream;

import org.jspecify.annotations.Nullable;

/**
 * The bytes of an upload as they arrive, read once, never held whole.
 *
 * @param body               the request body (or one multipart part), plaintext
 * @param fileName           the name the sender gave, untrusted (sanitised before it is kept or shown)
 * @param declaredLength     the length the sender announced (Content-Length), if any: fewer bytes is a truncated upload
 * @param stripImageMetadata remove EXIF/GPS and similar metadata from images (also done when the setting says always)
 */
public record UploadSource(InputStream body, String fileName, @Nullable Long declaredLength, boolean stripImageMetadata) {
}
