package org.strongroom.clients;

import java.math.BigDecimal;
import java.text.Normalizer;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.TreeMap;

import org.jspecify.annotations.Nullable;
import org.strongroom.crypto.CheckDigits;
import org.strongroom.crypto.Emails;
import org.strongroom.crypto.NationalIds;
import org.strongroom.crypto.Phones;

/**
 * Validation and normalisation of one value for one catalogue field, the same for forms, the API
 * and imports. Pure: no I/O. The stored form is the normalised one (an email in lower case, a
 * phone in E.164, a date in ISO-8601, tags sorted and without duplicates), so search and duplicate
 * detection compare like with like.
 */
public final class FieldValues {

    public static final int MAX_TEXT = 200;
    public static final int MAX_LONG_TEXT = 4000;
    public static final int MAX_ADDRESS = 1000;
    public static final int MAX_TAGS = 20;
    public static final int MAX_TAG = 40;
    public static final LocalDate EARLIEST_DATE = LocalDate.of(1900, 1, 1);

    private final String phoneRegion;
    private final CheckDigits nationalIdCheck;

    /**
     * @param phoneRegion     ISO 3166-1 alpha-2 region for national phone numbers (e.g. {@code UA})
     * @param nationalIdCheck the check-digit rule for national ids
     */
    public FieldValues(String phoneRegion, CheckDigits nationalIdCheck) {
        this.phoneRegion = phoneRegion;
        this.nationalIdCheck = nationalIdCheck;
    }

    /** A checked value: the normalised text ({@code null} to clear the field), or a problem's message key. */
    public record Checked(@Nullable String value, @Nullable String problem) {
        public boolean ok() {
            return problem == null;
        }

        static Checked of(@Nullable String value) {
            return new Checked(value, null);
        }

        static Checked problem(String key) {
            return new Checked(null, key);
        }
    }

    /**
     * Checks one value. Blank input clears the field, refused for a required one.
     *
     * @param today the organisation's today, for dates that cannot lie in the future (birth dates)
     */
    public Checked check(FieldDefinition field, @Nullable String raw, LocalDate today) {
        if (raw == null || raw.isBlank()) {
            return field.required() ? Checked.problem("clients.value.required") : Checked.of(null);
        }
        if (raw.length() > 2 * MAX_LONG_TEXT) {
            return Checked.problem("clients.value.tooLong");
        }
        String text = Normalizer.normalize(raw, Normalizer.Form.NFC).strip();
        boolean multiLine = field.type() == FieldType.LONG_TEXT || field.type() == FieldType.ADDRESS || field.type() == FieldType.TAGS;
        if (hasForbiddenCharacters(text, multiLine)) {
            return Checked.problem("clients.value.controlCharacters");
        }
        return switch (field.type()) {
            case TEXT -> text.length() > MAX_TEXT ? Checked.problem("clients.value.tooLong") : Checked.of(text);
            case LONG_TEXT -> text.length() > MAX_LONG_TEXT ? Checked.problem("clients.value.tooLong")
                    : Checked.of(text.replace("\r\n", "\n"));
            case ADDRESS -> text.length() > MAX_ADDRESS ? Checked.problem("clients.value.tooLong")
                    : Checked.of(text.replace("\r\n", "\n"));
            case EMAIL -> Emails.normalise(text).map(Checked::of).orElse(Checked.problem("clients.value.email"));
            case PHONE -> Phones.toE164(text, phoneRegion).map(Checked::of).orElse(Checked.problem("clients.value.phone"));
            case DATE -> date(field, text, today);
            case CHOICE -> field.choices().contains(text) ? Checked.of(text) : Checked.problem("clients.value.choice");
            case NUMBER -> number(text);
            case NATIONAL_ID -> NationalIds.normalise(text, nationalIdCheck).map(Checked::of)
                    .orElse(Checked.problem("clients.value.nationalId"));
            case TAGS -> tags(text);
        };
    }

    private static Checked date(FieldDefinition field, String text, LocalDate today) {
        LocalDate date;
        try {
            date = LocalDate.parse(text);
        } catch (DateTimeParseException e) {
            return Checked.problem("clients.value.date");
        }
        if (date.isBefore(EARLIEST_DATE)) {
            return Checked.problem("clients.value.dateTooEarly");
        }
        if (field.key().equals("date_of_birth") && date.isAfter(today)) {
            return Checked.problem("clients.value.dateInFuture");
        }
        return Checked.of(date.toString());
    }

    private static Checked number(String text) {
        if (text.length() > 30) {
            return Checked.problem("clients.value.number");
        }
        try {
            return Checked.of(new BigDecimal(text.replace(',', '.')).toPlainString());
        } catch (NumberFormatException e) {
            return Checked.problem("clients.value.number");
        }
    }

    /** Tags: separated by commas or new lines, case-insensitively unique, sorted, each at most 40 characters. */
    private static Checked tags(String text) {
        TreeMap<String, String> unique = new TreeMap<>();
        for (String part : text.split("[,\\r\\n\\t]")) {
            String tag = part.strip().replaceAll("\\s+", " ");
            if (tag.isEmpty()) {
                continue;
            }
            if (tag.length() > MAX_TAG) {
                return Checked.problem("clients.value.tagTooLong");
            }
            unique.putIfAbsent(tag.toLowerCase(Locale.ROOT), tag);
        }
        if (unique.size() > MAX_TAGS) {
            return Checked.problem("clients.value.tooManyTags");
        }
        return unique.isEmpty() ? Checked.of(null) : Checked.of(String.join("\n", unique.values()));
    }

    /** The tags of a stored {@link FieldType#TAGS} value. */
    public static List<String> tagsOf(@Nullable String stored) {
        if (stored == null || stored.isEmpty()) {
            return List.of();
        }
        return List.of(stored.split("\n"));
    }

    /** A tag as compared and indexed: lower case, single spaces. */
    public static String normaliseTag(String tag) {
        return Normalizer.normalize(tag, Normalizer.Form.NFC).strip().replaceAll("\\s+", " ").toLowerCase(Locale.ROOT);
    }

    private static boolean hasForbiddenCharacters(String text, boolean multiLine) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (multiLine && (c == '\n' || c == '\r' || c == '\t')) {
                continue;
            }
            if (Character.isISOControl(c) || c == '\u2028' || c == '\u2029') {
                return true;
            }
        }
        return false;
    }

    /** The check-digit rule named in configuration: {@code none} or {@code ua-rnokpp}. */
    public static Optional<CheckDigits> checkDigits(String name) {
        return switch (name.strip().toLowerCase(Locale.ROOT)) {
            case "", "none" -> Optional.of(CheckDigits.NONE);
            case "ua-rnokpp" -> Optional.of(CheckDigits.UA_RNOKPP);
            default -> Optional.empty();
        };
    }

}
