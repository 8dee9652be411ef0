package org.strongroom.crypto;

/** The client's key was destroyed (crypto-shredding): nothing of that client can be decrypted any more. */
public final class ClientKeyDestroyed extends RuntimeException {

    public ClientKeyDestroyed() {
        super("the client's key was destroyed", null, false, false);
    }
}
