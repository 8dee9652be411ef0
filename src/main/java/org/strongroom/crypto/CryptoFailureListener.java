package org.strongroom.crypto;

/** Receives the details of crypto failures that callers only see as one opaque exception. */
@FunctionalInterface
public interface CryptoFailureListener {

    void onFailure(CryptoFailure failure);
}
