package org.strongroom.documents.internal.checks;

/**
 * An upload refused by a check. The code is a message key naming the reason
 * ({@code documents.upload.empty}, {@code .tooLarge}, {@code .typeNotAllowed}, {@code .malware},
 * {@code .scannerUnavailable}, {@code .badImage}); it never carries content or names.
 */
public final class UploadRefused extends RuntimeException {

    private final String code;

    public UploadRefused(String code) {
        super(code, null, false, false);
        this.code = code;
    }

    public String code() {
        return code;
    }
}
