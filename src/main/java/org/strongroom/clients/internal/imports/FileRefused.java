package org.strongroom.clients.internal.imports;

/**
 * A file that cannot be imported at all: bad encoding, over a limit, malformed. Carries a message
 * key and the line (1-based; 0 when the problem is the file as a whole), never a value from the
 * file, so it is safe to log, show and record.
 */
public final class FileRefused extends RuntimeException {

    private final String messageKey;
    private final int line;

    public FileRefused(String messageKey, int line) {
        super(messageKey + (line > 0 ? " at line " + line : ""), null, false, false);
        this.messageKey = messageKey;
        this.line = line;
    }

    public String messageKey() {
        return messageKey;
    }

    public int line() {
        return line;
    }
}
