package org.strongroom.identity.internal;

import java.util.List;
import java.util.Locale;

import org.springframework.context.MessageSource;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.strongroom.identity.InvitationLinks;
import org.strongroom.identity.Mailer;
import org.strongroom.identity.StaffAccountChanged;
import org.strongroom.identity.StaffId;
import org.strongroom.identity.StaffProfile;

/**
 * Mails people about changes to accounts they did not make themselves: owners about accounts the
 * server disabled for inactivity, a person about their two-step verification being reset by an
 * administrator. Sent on the mail thread, when outgoing mail is configured; the staff list and
 * the sign-in flow show the same facts either way. Mails name no client and carry no secret.
 */
@Component
public class OwnerNotices {

    private final Accounts accounts;
    private final Mailer mailer;
    private final MailQueue queue;
    private final MessageSource messages;
    private final InvitationLinks links;

    OwnerNotices(Accounts accounts, Mailer mailer, MailQueue queue, MessageSource messages, InvitationLinks links) {
        this.accounts = accounts;
        this.mailer = mailer;
        this.queue = queue;
        this.messages = messages;
        this.links = links;
    }

    public void inactiveAccountsDisabled(List<StaffId> disabled) {
        if (!mailer.isConfigured() || disabled.isEmpty()) {
            return;
        }
        for (StaffId owner : accounts.activeOwners()) {
            accounts.findProfile(owner).ifPresent(profile -> {
                Locale locale = PasswordNotices.localeOf(profile, Locale.ENGLISH);
                String subject = messages.getMessage("users.mail.inactive.subject", null, locale);
                String body = messages.getMessage("users.mail.inactive.body",
                        new Object[] {profile.displayName(), disabled.size(), links.baseUrl() + "/admin/users"}, locale);
                queue.submit(() -> mailer.send(profile.email(), subject, body));
            });
        }
    }

    @EventListener
    void on(StaffAccountChanged event) {
        if (event.change() != StaffAccountChanged.Change.FACTORS_RESET || !mailer.isConfigured()) {
            return;
        }
        accounts.findProfile(event.staff()).ifPresent(this::factorsReset);
    }

    private void factorsReset(StaffProfile profile) {
        Locale locale = PasswordNotices.localeOf(profile, Locale.ENGLISH);
        String subject = messages.getMessage("users.mail.factorsReset.subject", null, locale);
        String body = messages.getMessage("users.mail.factorsReset.body", new Object[] {profile.displayName()}, locale);
        queue.submit(() -> mailer.send(profile.email(), subject, body));
    }
}
