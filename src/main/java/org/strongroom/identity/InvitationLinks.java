package org.strongroom.identity;

import java.util.Locale;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.MessageSource;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Service;
import org.strongroom.identity.internal.Accounts;

/**
 * Turns an invitation token into a link and gets it to the person: by mail when a mail server
 * is configured, otherwise (or when sending fails) back to the administrator to hand over. The
 * link holds the token in clear; it is never logged or stored.
 */
@Service
public class InvitationLinks {

    private static final Logger LOG = LoggerFactory.getLogger(InvitationLinks.class);

    /** How the link went out; {@code link} is for the administrator when it was not mailed. */
    public record Delivery(boolean mailed, String link) {
        @Override
        public String toString() {
            return "Delivery[mailed=" + mailed + "]";
        }
    }

    private final Environment environment;
    private final Mailer mailer;
    private final Accounts accounts;
    private final MessageSource messages;

    InvitationLinks(Environment environment, Mailer mailer, Accounts accounts, MessageSource messages) {
        this.environment = environment;
        this.mailer = mailer;
        this.accounts = accounts;
        this.messages = messages;
    }

    /**
     * Mails the link (synchronously, so a failure is known at once) or returns it for the
     * administrator. The mail is in the inviting person's language.
     */
    public Delivery deliver(StaffId staff, String token, Locale locale) {
        String link = link(token);
        if (!mailer.isConfigured()) {
            return new Delivery(false, link);
        }
        var profile = accounts.findProfile(staff);
        if (profile.isEmpty()) {
            return new Delivery(false, link);
        }
        try {
            String subject = messages.getMessage("users.mail.invitation.subject", null, locale);
            String body = messages.getMessage("users.mail.invitation.body",
                    new Object[] {profile.get().displayName(), link, baseUrl()}, locale);
            mailer.send(profile.get().email(), subject, body);
            return new Delivery(true, link);
        } catch (Mailer.NotSent e) {
            LOG.warn("Invitation for account {} not mailed ({}); the link is shown to the administrator", staff, e.getMessage());
            return new Delivery(false, link);
        }
    }

    public Delivery deliver(StaffId staff, String token) {
        return deliver(staff, token, Locale.ENGLISH);
    }

    /** The absolute link for a token, on the public URL (or this server's HTTPS port). */
    public String link(String token) {
        return baseUrl() + "/invitation?token=" + token;
    }

    public String baseUrl() {
        String base = environment.getProperty("strongroom.public-url", "");
        if (base.isBlank()) {
            String port = environment.getProperty("local.server.port", environment.getProperty("server.port", "8443"));
            base = "https://localhost:" + port;
        }
        return base.replaceAll("/+$", "");
    }
}
