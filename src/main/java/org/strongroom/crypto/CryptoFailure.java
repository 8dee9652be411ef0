package org.strongroom.crypto;

import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * What went wrong in one cryptographic operation, for the audit trail. Carries no key material,
 * plaintext or ciphertext.
 *
 * @param operation e.g. {@code field.decrypt}, {@code key.unwrap}
 * @param clientId  the client concerned, if any
 * @param reason    a short code, e.g. {@code authentication_failed}, {@code malformed}, {@code unknown_key}
 */
public record CryptoFailure(String operation, @Nullable UUID clientId, String reason) {
}
