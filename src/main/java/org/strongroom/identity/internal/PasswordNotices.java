package org.strongroom.identity.internal;

import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;
import org.strongroom.identity.Mailer;
import org.strongroom.identity.StaffProfile;

/** Tells a person by mail that their password was changed or reset (when mail is configured). */
@Component
public class PasswordNotices {

    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'", Locale.ROOT);

    private final Mailer mailer;
    private final MailQueue queue;
    private final MessageSource messages;
    private final Clock clock;

    PasswordNotices(Mailer mailer, MailQueue queue, MessageSource messages, Clock clock) {
        this.mailer = mailer;
        this.queue = queue;
        this.messages = messages;
        this.clock = clock;
    }

    public void passwordChanged(StaffProfile profile) {
        if (!mailer.isConfigured()) {
            return;
        }
        Locale locale = localeOf(profile, Locale.ENGLISH);
        String when = WHEN.format(clock.instant().atZone(ZoneOffset.UTC));
        String subject = messages.getMessage("password.mail.changed.subject", null, locale);
        String body = messages.getMessage("password.mail.changed.body", new Object[] {profile.displayName(), when}, locale);
        String to = profile.email();
        queue.submit(() -> mailer.send(to, subject, body));
    }

    /** The person's chosen language, else {@code fallback}. */
    public static Locale localeOf(StaffProfile profile, Locale fallback) {
        String tag = profile.locale();
        return tag == null || tag.isBlank() ? fallback : Locale.forLanguageTag(tag);
    }
}
