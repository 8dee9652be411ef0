package org.strongroom.audit.internal;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Objects;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;
import org.strongroom.audit.VerificationRun;
import org.strongroom.identity.InvitationLinks;
import org.strongroom.identity.Mailer;
import org.strongroom.identity.StaffDirectory;
import org.strongroom.identity.StaffId;
import org.strongroom.identity.StaffProfile;

/**
 * The alert for a broken trail: one ERROR log line (sequence number and kind only) and a mail to
 * every active owner, in the owner's language. Mails name no client and no staff member and carry
 * no entry contents: the first bad sequence number, the kind of break, when, and where to look.
 */
@Component
class VerificationAlerts {

    private static final Logger LOG = LoggerFactory.getLogger(VerificationAlerts.class);
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm z", Locale.ROOT);

    private final StaffDirectory staff;
    private final Mailer mailer;
    private final MessageSource messages;
    private final InvitationLinks links;
    private final ZoneId zone;

    VerificationAlerts(StaffDirectory staff, Mailer mailer, MessageSource messages, InvitationLinks links,
            @Value("${strongroom.organisation.time-zone:}") String zone) {
        this.staff = staff;
        this.mailer = mailer;
        this.messages = messages;
        this.links = links;
        this.zone = zone.isBlank() ? ZoneId.systemDefault() : ZoneId.of(zone.strip());
    }

    /** Raises the alert; never throws (a failed mail is logged and the others are still sent). */
    void broken(VerificationRun run) {
        long seq = Objects.requireNonNull(run.firstBadSeq(), "firstBadSeq");
        String kind = Objects.requireNonNull(run.kind(), "kind").name().toLowerCase(Locale.ROOT);
        LOG.error("AUDIT TRAIL BROKEN: the scheduled verification found entry {} {} (run `strongroom audit verify`; owners are mailed)",
                seq, kind.replace('_', ' '));
        if (!mailer.isConfigured()) {
            LOG.warn("No mail server is configured (strongroom.mail.host): the owners cannot be mailed about the broken audit trail");
            return;
        }
        int sent = 0;
        int owners = 0;
        for (StaffId owner : staff.activeOwners()) {
            owners++;
            StaffProfile profile = staff.find(owner).orElse(null);
            if (profile == null) {
                continue;
            }
            Locale locale = profile.locale() == null || profile.locale().isBlank() ? Locale.ENGLISH : Locale.forLanguageTag(profile.locale());
            String kindText = messages.getMessage("auditwatch.kind." + kind, null, kind, locale);
            String subject = messages.getMessage("auditwatch.mail.broken.subject", null, locale);
            String body = messages.getMessage("auditwatch.mail.broken.body", new Object[] {profile.displayName(),
                    Long.toString(seq), kindText, WHEN.format(run.finishedAt().atZone(zone)), links.baseUrl() + "/audit"}, locale);
            try {
                mailer.send(profile.email(), subject, body);
                sent++;
            } catch (RuntimeException e) {
                LOG.warn("The audit alert mail to an owner was not sent: {}", e.getClass().getSimpleName());
            }
        }
        LOG.info("Audit alert mailed to {} of {} active owners", sent, owners);
    }
}
