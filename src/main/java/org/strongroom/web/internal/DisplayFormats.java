package org.strongroom.web.internal;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;

import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Component;

/**
 * Formats stored UTC instants for people: in the organisation's time zone and the page's
 * language. Templates call it as {@code ${@formats.dateTime(instant)}}.
 */
@Component("formats")
class DisplayFormats {

    private final ZoneId zone;

    DisplayFormats(@Value("${strongroom.organisation.time-zone:}") String zone) {
        this.zone = zone.isBlank() ? ZoneId.systemDefault() : ZoneId.of(zone);
    }

    public String dateTime(@Nullable Instant instant) {
        if (instant == null) {
            return "";
        }
        return DateTimeFormatter.ofLocalizedDateTime(FormatStyle.LONG, FormatStyle.SHORT)
                .withLocale(LocaleContextHolder.getLocale())
                .withZone(zone)
                .format(instant);
    }

    public String zone() {
        return zone.getId();
    }
}
