package org.strongroom.documents.internal.storage;

import java.util.UUID;

/**
 * Object keys, made from ids only: {@code clients/<client id>/<document id>/<upload id>}. The
 * upload id is fresh for every stored version, so two uploads racing for the same version number
 * never write the same object (the loser deletes only its own).
 */
public final class BlobKeys {

    private BlobKeys() {
    }

    public static String of(UUID clientId, UUID documentId, UUID uploadId) {
        return "clients/" + clientId + "/" + documentId + "/" + uploadId;
    }

    /** The prefix of every object of one client. */
    public static String clientPrefix(UUID clientId) {
        return "clients/" + clientId + "/";
    }

    /** The prefix of every object of one document. */
    public static String documentPrefix(UUID clientId, UUID documentId) {
        return clientPrefix(clientId) + documentId + "/";
    }

    /** Whether a key has the shape this module makes (anything else in the store is not ours to judge). */
    public static boolean wellFormed(String key) {
        String[] parts = key.split("/", -1);
        if (parts.length != 4 || !"clients".equals(parts[0])) {
            return false;
        }
        try {
            for (int i = 1; i < 4; i++) {
                if (!UUID.fromString(parts[i]).toString().equals(parts[i])) {
                    return false;
                }
            }
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    public static UUID documentOf(String key) {
        return UUID.fromString(key.split("/")[2]);
    }
}
