package org.strongroom.identity;

import java.time.Duration;
import java.util.Properties;

import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.mail.MailException;
import org.springframework.mail.SimpleMailMessage;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.springframework.stereotype.Service;

/**
 * Outgoing plain-text mail to staff (invitations, password resets, notices) through the SMTP
 * server named by {@code strongroom.mail.*}. The settings are read when the server starts, not
 * when it is built: Boot's own mail auto-configuration is excluded because Spring AOT would freeze
 * its "is a host set?" condition at build time. Without {@code strongroom.mail.host} nothing is
 * sent and {@link #isConfigured()} says so, so callers can show a link to hand over instead.
 * <p>
 * Connections require STARTTLS by default ({@code starttls: true}); {@code tls: true} speaks TLS
 * from the first byte instead (port 465). The server's certificate and host name are checked.
 * Recipients and contents are never logged.
 */
@Service
public class Mailer {

    private static final Logger LOG = LoggerFactory.getLogger(Mailer.class);

    private final @Nullable JavaMailSenderImpl sender;
    private final String from;

    Mailer(@Value("${strongroom.mail.host:}") String host,
           @Value("${strongroom.mail.port:587}") int port,
           @Value("${strongroom.mail.username:}") String username,
           @Value("${strongroom.mail.password:}") String password,
           @Value("${strongroom.mail.from:}") String from,
           @Value("${strongroom.mail.starttls:true}") boolean starttls,
           @Value("${strongroom.mail.tls:false}") boolean tls,
           @Value("${strongroom.mail.timeout:10s}") Duration timeout) {
        this.from = from.isBlank() ? (username.contains("@") ? username : "strongroom@" + (host.isBlank() ? "localhost" : host)) : from.strip();
        if (host.isBlank()) {
            this.sender = null;
            return;
        }
        JavaMailSenderImpl mail = new JavaMailSenderImpl();
        mail.setHost(host.strip());
        mail.setPort(port);
        mail.setDefaultEncoding("UTF-8");
        Properties props = mail.getJavaMailProperties();
        String millis = Long.toString(timeout.toMillis());
        if (tls) {
            mail.setProtocol("smtps");
            props.put("mail.smtps.ssl.checkserveridentity", "true");
            props.put("mail.smtps.connectiontimeout", millis);
            props.put("mail.smtps.timeout", millis);
            props.put("mail.smtps.writetimeout", millis);
        } else {
            props.put("mail.smtp.starttls.enable", Boolean.toString(starttls));
            props.put("mail.smtp.starttls.required", Boolean.toString(starttls));
            props.put("mail.smtp.ssl.checkserveridentity", "true");
            props.put("mail.smtp.connectiontimeout", millis);
            props.put("mail.smtp.timeout", millis);
            props.put("mail.smtp.writetimeout", millis);
        }
        if (!username.isBlank()) {
            mail.setUsername(username);
            mail.setPassword(password);
            props.put(tls ? "mail.smtps.auth" : "mail.smtp.auth", "true");
        }
        this.sender = mail;
    }

    /** Whether a mail server is configured; when not, {@link #send} refuses. */
    public boolean isConfigured() {
        return sender != null;
    }

    /**
     * Sends one plain-text message now (blocking for the SMTP exchange; call it off the request
     * thread where timing matters). Throws {@link NotSent} — without recipient or content in its
     * message — when the server is not configured, the address is malformed or delivery failed.
     */
    public void send(String to, String subject, String body) {
        if (sender == null) {
            throw new NotSent("no mail server is configured (strongroom.mail.host)", null);
        }
        if (subject.indexOf('\r') >= 0 || subject.indexOf('\n') >= 0) {
            throw new IllegalArgumentException("subject must be one line");
        }
        try {
            new InternetAddress(to, true).validate();
        } catch (AddressException e) {
            throw new NotSent("recipient address is malformed", null);
        }
        SimpleMailMessage message = new SimpleMailMessage();
        message.setFrom(from);
        message.setTo(to);
        message.setSubject(subject);
        message.setText(body);
        try {
            sender.send(message);
        } catch (MailException e) {
            LOG.warn("Mail could not be sent through {}:{}: {}", sender.getHost(), sender.getPort(), e.getClass().getSimpleName());
            // The cause is dropped on purpose: SMTP replies often quote the recipient address.
            throw new NotSent("mail could not be sent", null);
        }
    }

    /** A message was not sent. Its text names no recipient and no content. */
    public static final class NotSent extends RuntimeException {
        NotSent(String message, @Nullable Throwable cause) {
            super(message, cause);
        }
    }
}
