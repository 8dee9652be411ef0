package org.strongroom.audit.internal;

/** A signed statement that the chain had {@code headMac} at {@code seq}, made at {@code createdAt}. */
record Checkpoint(long seq, byte[] headMac, long createdAt, String keyId, byte[] signature) {

    byte[] signedBytes() {
        return EntryEncoding.checkpointInput(seq, headMac, createdAt);
    }

    @Override
    public String toString() {
        return "Checkpoint[seq=" + seq + ", keyId=" + keyId + "]";
    }
}
