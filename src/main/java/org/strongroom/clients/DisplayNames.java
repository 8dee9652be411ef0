package org.strongroom.clients;

import org.jspecify.annotations.Nullable;

/** How a client's name is shown: the name they use (preferred, else given) and the family name. */
public final class DisplayNames {

    private DisplayNames() {
    }

    public static @Nullable String of(@Nullable String given, @Nullable String preferred, @Nullable String family) {
        String first = preferred != null && !preferred.isBlank() ? preferred : given;
        StringBuilder out = new StringBuilder();
        if (first != null && !first.isBlank()) {
            out.append(first.strip());
        }
        if (family != null && !family.isBlank()) {
            if (!out.isEmpty()) {
                out.append(' ');
            }
            out.append(family.strip());
        }
        return out.isEmpty() ? null : out.toString();
    }
}
