package org.strongroom.documents.web;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;
import org.springframework.context.MessageSource;
import org.strongroom.access.Sensitivity;
import org.strongroom.documents.DocumentTypes;

/**
 * Small pieces of the documents pages that need no service: sizes for people, dates, type and
 * sensitivity labels, and the parsing of what a form or an upload's query sends (ids, dates, tags).
 */
final class DocumentPagesFormat {

    /** Media types a browser shows by itself without any script of the file's own: PDFs and raster images. */
    static final Set<String> PREVIEWABLE = Set.of("application/pdf", "image/png", "image/jpeg", "image/gif", "image/webp");

    private DocumentPagesFormat() {
    }

    /** "0 bytes", "12 bytes", "3.4 KB", "20 MB", "1.2 GB" (binary multiples), in the page's language. */
    static String size(long bytes, MessageSource messages, Locale locale) {
        if (bytes < 1024) {
            return messages.getMessage("documentpages.size.bytes", new Object[] {bytes}, locale);
        }
        String[] units = {"documentpages.size.kb", "documentpages.size.mb", "documentpages.size.gb", "documentpages.size.tb"};
        double value = bytes / 1024.0;
        int unit = 0;
        while (value >= 1024 && unit < units.length - 1) {
            value /= 1024;
            unit++;
        }
        // One decimal below 10 (3.4 MB), none above (20 MB): precise enough to tell files apart.
        double shown = value < 10 ? Math.round(value * 10) / 10.0 : Math.round(value);
        return messages.getMessage(units[unit], new Object[] {shown}, locale);
    }

    static String date(@Nullable LocalDate date, Locale locale) {
        return date == null ? "" : DateTimeFormatter.ofLocalizedDate(FormatStyle.MEDIUM).withLocale(locale).format(date);
    }

    static String typeLabel(@Nullable String code, MessageSource messages, Locale locale) {
        if (code == null || code.isBlank()) {
            return "";
        }
        return messages.getMessage("documents.type." + code, null, code, locale);
    }

    static String sensitivityLabel(Sensitivity level, MessageSource messages, Locale locale) {
        return messages.getMessage("clients.sensitivity." + level.name(), null, level.name(), locale);
    }

    static boolean previewable(@Nullable String mediaType) {
        return mediaType != null && PREVIEWABLE.contains(mediaType);
    }

    private static final Pattern CANONICAL_UUID = Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

    /** An id from a path: canonical lower-case UUIDs only (any other spelling is "no such record", as on the clients pages). */
    static Optional<UUID> uuid(@Nullable String text) {
        if (text == null || !CANONICAL_UUID.matcher(text).matches()) {
            return Optional.empty();
        }
        return Optional.of(UUID.fromString(text));
    }

    /** A date as a date input sends it ({@code yyyy-MM-dd}); blank is none; anything else is empty. */
    static Optional<Optional<LocalDate>> parseDate(@Nullable String text) {
        if (text == null || text.isBlank()) {
            return Optional.of(Optional.empty());
        }
        try {
            return Optional.of(Optional.of(LocalDate.parse(text.strip())));
        } catch (java.time.format.DateTimeParseException e) {
            return Optional.empty();
        }
    }

    static @Nullable Sensitivity parseSensitivity(@Nullable String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        for (Sensitivity level : Sensitivity.values()) {
            if (level.name().equals(text)) {
                return level;
            }
        }
        return null;
    }

    /** Tags as typed: separated by commas (or new lines), trimmed, blanks and repeats dropped. The service checks their number and length. */
    static List<String> tags(@Nullable String text) {
        if (text == null || text.isBlank()) {
            return List.of();
        }
        Set<String> out = new LinkedHashSet<>();
        for (String part : text.split("[,\\n\\r]")) {
            String tag = part.strip();
            if (!tag.isEmpty()) {
                out.add(tag);
            }
        }
        return new ArrayList<>(out);
    }

    static @Nullable String blankToNull(@Nullable String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }

    static boolean knownType(@Nullable String code) {
        return code != null && DocumentTypes.known(code);
    }
}
