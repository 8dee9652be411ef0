package org.strongroom.crypto.internal;

import java.util.List;

import org.strongroom.crypto.CryptoFailure;
import org.strongroom.crypto.CryptoFailureListener;

/** Hands failure details to every listener (the audit trail); a failing listener never masks the failure. */
final class CryptoFailures {

    private final List<CryptoFailureListener> listeners;

    CryptoFailures(List<CryptoFailureListener> listeners) {
        this.listeners = List.copyOf(listeners);
    }

    void report(CryptoFailure failure) {
        for (CryptoFailureListener listener : listeners) {
            try {
                listener.onFailure(failure);
            } catch (RuntimeException ignored) {
                // the caller still gets its opaque failure; the listener's own problem is its own
            }
        }
    }
}
