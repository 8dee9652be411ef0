package org.strongroom.identity;

import java.io.Serial;
import java.io.Serializable;
import java.util.Objects;
import java.util.UUID;

/** The stable identifier of a staff account; the only way other modules refer to staff. */
public record StaffId(UUID value) implements Serializable {

    @Serial
    private static final long serialVersionUID = 1L;

    public StaffId {
        Objects.requireNonNull(value, "value");
    }

    public static StaffId random() {
        return new StaffId(UUID.randomUUID());
    }

    public static StaffId parse(String text) {
        return new StaffId(UUID.fromString(text));
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
