package org.strongroom.crypto;

/**
 * The key setup cannot be used (a key file readable by others, a missing provider, …). The
 * message is written for the operator: what is wrong and how to fix it, in one line.
 */
public final class CryptoConfigurationProblem extends RuntimeException {

    public CryptoConfigurationProblem(String message) {
        super(message);
    }

    public CryptoConfigurationProblem(String message, Throwable cause) {
        super(message, cause);
    }
}
