package org.strongroom.identity;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.MessageSource;
import org.springframework.core.env.Environment;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;
import org.strongroom.crypto.SecretTokens;
import org.strongroom.identity.internal.MailQueue;
import org.strongroom.identity.internal.Accounts;
import org.strongroom.identity.internal.PasswordNotices;
import org.strongroom.identity.internal.PasswordResetTokens;

/**
 * Password reset by email link. A request always returns at once and the same way: finding the
 * account, issuing the link and sending the mail happen on a background thread, so neither the
 * answer nor its timing says whether an address has an account. The link carries a 256-bit
 * token (only its digest is stored), works once and for {@link #LINK_VALIDITY}; at most one mail
 * per account goes out per {@link #RESEND_PAUSE}.
 * <p>
 * A reset changes the password and nothing else: it does not sign anyone in, and the second
 * factor stays required at the next sign-in. It ends all of the person's sessions. Without a mail
 * server there are no resets; people ask an administrator.
 */
@Service
public class PasswordResets {

    public static final Duration LINK_VALIDITY = Duration.ofHours(1);
    public static final Duration RESEND_PAUSE = Duration.ofMinutes(2);

    private final Accounts accounts;
    private final PasswordResetTokens links;
    private final PasswordEncoder encoder;
    private final StaffDirectory directory;
    private final StaffSessions sessions;
    private final Mailer mailer;
    private final MailQueue queue;
    private final PasswordNotices notices;
    private final MessageSource messages;
    private final Environment environment;
    private final TransactionTemplate transaction;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    PasswordResets(Accounts accounts, PasswordResetTokens links, PasswordEncoder encoder, StaffDirectory directory,
                   StaffSessions sessions, Mailer mailer, MailQueue queue, PasswordNotices notices,
                   MessageSource messages, Environment environment, TransactionTemplate transaction,
                   ApplicationEventPublisher events, Clock clock) {
        this.accounts = accounts;
        this.links = links;
        this.encoder = encoder;
        this.directory = directory;
        this.sessions = sessions;
        this.mailer = mailer;
        this.queue = queue;
        this.notices = notices;
        this.messages = messages;
        this.environment = environment;
        this.transaction = transaction;
        this.events = events;
        this.clock = clock;
    }

    /** Whether resets by mail are possible (a mail server is configured). */
    public boolean available() {
        return mailer.isConfigured();
    }

    /**
     * Asks for a reset link for {@code email}. Returns nothing and takes the same time whether or
     * not the address belongs to an account: the token is made here on every call, everything
     * that depends on the account happens later on the mail thread.
     */
    public void request(String email, Locale requestLocale) {
        String normalised = OwnerSetup.normaliseEmail(email);
        String token = SecretTokens.generate();
        String digest = SecretTokens.digest(token);
        if (!mailer.isConfigured() || normalised.isEmpty() || normalised.length() > 254) {
            return;
        }
        queue.submit(() -> issue(normalised, token, digest, requestLocale));
    }

    private void issue(String email, String token, String digest, Locale requestLocale) {
        Instant now = clock.instant();
        links.deleteExpired(now);
        // Only active accounts: an invited person has an invitation link, a disabled one must ask.
        Optional<StaffId> target = accounts.findCredentialsByEmail(email)
                .filter(c -> c.status() == StaffStatus.ACTIVE)
                .map(Accounts.Credentials::id);
        if (target.isEmpty() || links.issuedSince(target.get(), now.minus(RESEND_PAUSE))) {
            return;
        }
        StaffId staff = target.get();
        StaffProfile profile = directory.find(staff).orElseThrow(() -> new IllegalStateException("no profile for " + staff));
        links.insert(digest, staff, now, now.plus(LINK_VALIDITY));
        Locale locale = PasswordNotices.localeOf(profile, requestLocale);
        String link = baseUrl() + "/password/reset/" + token;
        String subject = messages.getMessage("password.mail.reset.subject", null, locale);
        String body = messages.getMessage("password.mail.reset.body", new Object[] {profile.displayName(), link}, locale);
        mailer.send(profile.email(), subject, body);
    }

    /** Whether the link would currently be accepted (to show the form or a refusal). */
    public boolean isUsable(String token) {
        return SecretTokens.isWellFormed(token) && links.findUsable(SecretTokens.digest(token), clock.instant()).isPresent();
    }

    /**
     * Sets a new password with a reset link. The link is consumed in the same transaction as the
     * password changes, so of two concurrent uses exactly one succeeds; a used, expired or forged
     * link changes nothing. On success every session of the person ends.
     */
    public PasswordChangeResult complete(String token, String newPassword, String confirmation) {
        if (!SecretTokens.isWellFormed(token)) {
            return new PasswordChangeResult.InvalidLink();
        }
        String digest = SecretTokens.digest(token);
        Optional<StaffProfile> person = links.findUsable(digest, clock.instant()).flatMap(directory::find)
                .filter(p -> p.status() == StaffStatus.ACTIVE);
        if (person.isEmpty()) {
            return new PasswordChangeResult.InvalidLink();
        }
        StaffProfile profile = person.get();
        Map<String, String> problems = new LinkedHashMap<>();
        PasswordRules.check(newPassword, profile.displayName(), profile.email()).ifPresent(code -> problems.put("password", code));
        if (problems.isEmpty() && !newPassword.equals(confirmation)) {
            problems.put("passwordConfirm", "password.mismatch");
        }
        if (!problems.isEmpty()) {
            return new PasswordChangeResult.Rejected(problems);
        }
        // Hash before the transaction: Argon2id takes tens of milliseconds and needs no lock.
        String hash = encoder.encode(newPassword);
        Boolean done = transaction.execute(status -> {
            if (!links.consume(digest, clock.instant())) {
                return false;
            }
            accounts.updatePasswordHash(profile.id(), hash);
            links.withdrawUnused(profile.id());
            return true;
        });
        if (!Boolean.TRUE.equals(done)) {
            return new PasswordChangeResult.InvalidLink();
        }
        sessions.endAll(profile.id());
        events.publishEvent(new StaffAccountChanged(profile.id(), StaffAccountChanged.Change.PASSWORD_CHANGED, null));
        notices.passwordChanged(profile);
        return new PasswordChangeResult.Changed(profile.id());
    }

    private String baseUrl() {
        // Never from the request's Host header: a forged header would send the link elsewhere.
        String base = environment.getProperty("strongroom.public-url", "");
        if (base.isBlank()) {
            base = "https://localhost:" + environment.getProperty("local.server.port", environment.getProperty("server.port", "8443"));
        }
        return base.replaceAll("/+$", "");
    }
}
