package org.strongroom.documents.internal.checks;

/**
 * An upload refused by a check. The code is a message key naming the reason
 * ({@code documents.upload.empty}, {@code .tooLarge}, {@code .typeNotAllowed}, {@code .malware},
 * {@code .scannerUnavailable}, {@code .badImage}, {@code .cannotStrip}); it never carries content or names.
 */
public final class UploadRefused extends RuntimeException {

    private final String code;
    private final Object[] arguments;

    public UploadRefused(String code) {
        this(code, new Object[0]);
    }

    /** @param arguments for the message, e.g. the size limit in megabytes for {@code .tooLarge}; never content or names */
    public UploadRefused(String code, Object... arguments) {
        super(code, null, false, false);
        this.code = code;
        this.arguments = arguments.clone();
    }

    public String code() {
        return code;
    }

    /** The message arguments ({0}, {1}…) for {@link #code()}. */
    public Object[] arguments() {
        return arguments.clone();
    }
}
