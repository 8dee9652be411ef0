package org.strongroom.crypto;

/** The key vault is sealed: no key can be used until an operator unseals it. */
public final class VaultSealed extends RuntimeException {

    public VaultSealed() {
        super("the key vault is sealed", null, false, false);
    }
}
