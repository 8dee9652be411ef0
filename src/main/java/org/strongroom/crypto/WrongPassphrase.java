package org.strongroom.crypto;

/** The passphrase does not open the sealed root key. Says nothing more. */
public final class WrongPassphrase extends RuntimeException {

    public WrongPassphrase() {
        super("the passphrase does not open the sealed root key", null, false, false);
    }
}
