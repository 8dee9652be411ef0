package org.strongroom.clients.web;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;
import org.springframework.context.MessageSource;
import org.springframework.util.MultiValueMap;
import org.strongroom.access.Visibility;
import org.strongroom.clients.FieldDefinition;
import org.strongroom.clients.FieldType;
import org.strongroom.clients.FieldValues;

/**
 * The client forms' inputs, built from the field catalogue: which HTML input each field type gets,
 * what a stored value looks like in a form (tags as a comma list), and how a submitted form is
 * read back into raw values by field key. Values only pass through here; the service validates.
 */
final class ClientForms {

    /** Form parameters carrying a field's value are named {@code f.<field key>} (a field key cannot clash with {@code version} or {@code status}). */
    static final String VALUE = "f.";
    /** The value the form was loaded with ({@code was.<field key>}), so only what the person changed is sent. */
    static final String LOADED = "was.";

    private static final Pattern CANONICAL_UUID = Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
    private static final int MAX_INPUT = 2 * FieldValues.MAX_LONG_TEXT;

    private ClientForms() {
    }

    /**
     * One input of a client form.
     *
     * @param input    {@code text}, {@code textarea}, {@code email}, {@code tel}, {@code date}, {@code select}, {@code number}, {@code tags}
     * @param value    what the input shows (the person's input after an error, else the stored value)
     * @param loaded   the value the form was loaded with (edit form), else {@code null}
     * @param problem  a message key, or {@code null}
     * @param editable {@code false} for a value the person sees masked: shown, not changeable
     */
    record Input(String key, String label, String input, boolean required, String value, @Nullable String loaded,
                 @Nullable String problem, List<String> choices, boolean editable, int maxLength) {

        public String name() {
            return VALUE + key;
        }

        public String loadedName() {
            return LOADED + key;
        }

        public String id() {
            return "f-" + key;
        }

        public String errorId() {
            return "f-" + key + "-error";
        }

        public String hintId() {
            return "f-" + key + "-hint";
        }

        /** The message key of a hint under the input, or {@code null}. */
        public @Nullable String hint() {
            return switch (input) {
                case "tags" -> "clientpages.hint.tags";
                case "tel" -> "clientpages.hint.phone";
                case "date" -> "clientpages.hint.date";
                default -> null;
            };
        }

        @Override
        public String toString() {
            return "Input[" + key + "]";
        }
    }

    /** The HTML input for a field type. */
    static String inputFor(FieldType type) {
        return switch (type) {
            case TEXT, NATIONAL_ID -> "text";
            case LONG_TEXT, ADDRESS -> "textarea";
            case EMAIL -> "email";
            case PHONE -> "tel";
            case DATE -> "date";
            case CHOICE -> "select";
            case NUMBER -> "number";
            case TAGS -> "tags";
        };
    }

    static int maxLength(FieldType type) {
        return switch (type) {
            case LONG_TEXT -> FieldValues.MAX_LONG_TEXT;
            case ADDRESS -> FieldValues.MAX_ADDRESS;
            case TAGS -> FieldValues.MAX_TAGS * (FieldValues.MAX_TAG + 2);
            default -> FieldValues.MAX_TEXT;
        };
    }

    /** A field's label: the bundle's for a built-in field, the owner's for a custom one. */
    static String label(@Nullable FieldDefinition field, String fieldKey, MessageSource messages, Locale locale) {
        if (field != null && field.label() != null) {
            return field.label();
        }
        return messages.getMessage("clients.field." + fieldKey, null, fieldKey, locale);
    }

    /** A stored value as a form shows it: tags as a comma list, everything else as stored. */
    static String formValue(FieldDefinition field, @Nullable String stored) {
        if (stored == null) {
            return "";
        }
        return field.type() == FieldType.TAGS ? String.join(", ", FieldValues.tagsOf(stored)) : stored;
    }

    /** A shown value as the profile and history display it (tags as a comma list; masked values as masked). */
    static @Nullable String display(@Nullable FieldDefinition field, @Nullable String shown, Visibility visibility) {
        if (shown == null) {
            return null;
        }
        if (field != null && field.type() == FieldType.TAGS && visibility == Visibility.FULL) {
            return String.join(", ", FieldValues.tagsOf(shown));
        }
        return shown;
    }

    static Input input(FieldDefinition field, String label, String value, @Nullable String loaded, @Nullable String problem,
                       boolean editable) {
        return new Input(field.key(), label, inputFor(field.type()), field.required(), value, loaded, problem, field.choices(),
                editable, maxLength(field.type()));
    }

    /**
     * The raw values of a submitted form for the given fields, by field key; a field the form did
     * not send is left out. Over-long input is cut (the service refuses it as too long either way).
     */
    static Map<String, String> values(MultiValueMap<String, String> form, List<FieldDefinition> fields) {
        Map<String, String> out = new LinkedHashMap<>();
        for (FieldDefinition field : fields) {
            String value = form.getFirst(VALUE + field.key());
            if (value != null) {
                out.put(field.key(), cut(value));
            }
        }
        return out;
    }

    /** The values the person changed: sent and different from what the form was loaded with. */
    static Map<String, String> changed(Map<String, String> sent, MultiValueMap<String, String> form) {
        Map<String, String> out = new LinkedHashMap<>();
        sent.forEach((key, value) -> {
            String loaded = form.getFirst(LOADED + key);
            if (loaded == null || !normaliseLineEnds(loaded).equals(normaliseLineEnds(value))) {
                out.put(key, value);
            }
        });
        return out;
    }

    static String cut(@Nullable String value) {
        if (value == null) {
            return "";
        }
        return value.length() > MAX_INPUT ? value.substring(0, MAX_INPUT + 1) : value;
    }

    private static String normaliseLineEnds(String value) {
        return value.replace("\r\n", "\n").strip();
    }

    /** A client id from a path: canonical lower-case UUIDs only (anything else is "no such client"). */
    static Optional<UUID> clientId(@Nullable String text) {
        if (text == null || !CANONICAL_UUID.matcher(text).matches()) {
            return Optional.empty();
        }
        return Optional.of(UUID.fromString(text));
    }

    /** Problems as the template reads them: field key → message key, in the order of the fields. */
    static List<Map.Entry<String, String>> ordered(Map<String, String> problems, List<FieldDefinition> fields) {
        List<Map.Entry<String, String>> out = new ArrayList<>();
        for (FieldDefinition f : fields) {
            if (problems.containsKey(f.key())) {
                out.add(Map.entry(f.key(), problems.get(f.key())));
            }
        }
        problems.forEach((k, v) -> {
            if (out.stream().noneMatch(e -> e.getKey().equals(k))) {
                out.add(Map.entry(k, v));
            }
        });
        return out;
    }
}
