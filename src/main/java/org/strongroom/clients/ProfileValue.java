package org.strongroom.clients;

import org.jspecify.annotations.Nullable;
import org.strongroom.access.Visibility;

/**
 * One field of a client's profile as the asker may see it.
 *
 * @param shown      the value ({@link Visibility#FULL}), its masked form ({@link Visibility#MASKED}),
 *                   or {@code null} when there is no value; fields the asker may not see at all
 *                   are left out of the profile instead
 * @param visibility how much the asker sees of this field's sensitivity level
 */
public record ProfileValue(FieldDefinition field, @Nullable String shown, Visibility visibility) {

    public boolean present() {
        return shown != null;
    }

    /** Whether the asker may change this field (only values seen in full can be edited). */
    public boolean editable() {
        return visibility == Visibility.FULL;
    }
}
