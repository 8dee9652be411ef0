package org.strongroom.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;

import org.junit.jupiter.api.Test;

class MailerTests {

    static Mailer mailer(String host, boolean starttls, boolean tls) {
        return new Mailer(host, 587, "", "", "", starttls, tls, Duration.ofSeconds(1));
    }

    @Test
    void withoutHostNothingIsConfiguredAndNothingIsSent() {
        Mailer none = mailer("", true, false);
        assertThat(none.isConfigured()).isFalse();
        assertThatThrownBy(() -> none.send("someone@example.org", "Subject", "Body"))
                .isInstanceOf(Mailer.NotSent.class)
                .hasMessageNotContaining("someone@example.org");
    }

    @Test
    void aHostMakesItConfigured() {
        assertThat(mailer("mail.example.org", true, false).isConfigured()).isTrue();
    }

    /** Attack: header injection through a subject or recipient carrying line breaks. */
    @Test
    void refusesLineBreaksInSubjectAndMalformedRecipients() {
        Mailer mail = mailer("mail.example.org", true, false);
        assertThatThrownBy(() -> mail.send("someone@example.org", "Hi\r\nBcc: victim@example.org", "Body"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> mail.send("someone@example.org\r\nBcc: victim@example.org", "Hi", "Body"))
                .isInstanceOf(Mailer.NotSent.class)
                .hasMessageNotContaining("victim");
    }

    /** Attack: a STARTTLS downgrade by a server (or a man in the middle) that does not offer it. */
    @Test
    void plainPortRequiresStartTlsByDefault() throws Exception {
        Mailer mail = mailer("mail.example.org", true, false);
        var field = Mailer.class.getDeclaredField("sender");
        field.setAccessible(true);
        var sender = (org.springframework.mail.javamail.JavaMailSenderImpl) field.get(mail);
        assertThat(sender.getJavaMailProperties()).containsEntry("mail.smtp.starttls.required", "true")
                .containsEntry("mail.smtp.ssl.checkserveridentity", "true");
        var implicit = (org.springframework.mail.javamail.JavaMailSenderImpl) field.get(mailer("mail.example.org", true, true));
        assertThat(implicit.getProtocol()).isEqualTo("smtps");
    }
}
