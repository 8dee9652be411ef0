package org.strongroom.identity;

import java.util.Objects;
import java.util.UUID;

/** The public identifier of a personal access token: shown in lists, used to revoke it. Not a secret. */
public record ApiTokenId(UUID value) {

    public ApiTokenId {
        Objects.requireNonNull(value, "value");
    }

    public static ApiTokenId random() {
        return new ApiTokenId(UUID.randomUUID());
    }

    /** @throws IllegalArgumentException when the text is not a UUID */
    public static ApiTokenId parse(String text) {
        return new ApiTokenId(UUID.fromString(text));
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
