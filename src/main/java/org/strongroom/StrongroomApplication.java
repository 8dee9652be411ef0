package org.strongroom;

import java.time.Clock;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.modulith.Modulithic;
import org.strongroom.operations.StrongroomCli;

/**
 * Strongroom: a self-hosted server that keeps a business's client records encrypted per client,
 * visible only to the staff who should see them, and recorded in a verifiable audit trail.
 * The command line ({@code serve}, {@code init}, {@code version}, …) is the one entry point.
 */
// Boot's mail auto-configuration decides by @ConditionalOnProperty, which Spring AOT freezes at
// build time; identity's Mailer reads strongroom.mail.* at run time instead.
@SpringBootApplication(excludeName = {
        "org.springframework.boot.mail.autoconfigure.MailSenderAutoConfiguration",
        "org.springframework.boot.mail.autoconfigure.MailSenderValidatorAutoConfiguration",
        "org.springframework.boot.mail.autoconfigure.MailHealthContributorAutoConfiguration"})
@Modulithic(systemName = "Strongroom")
public class StrongroomApplication {

    public static void main(String[] args) {
        if (Boolean.getBoolean("spring.aot.processing")) {
            // Build time (spring-boot-maven-plugin process-aot): let Spring record the context.
            SpringApplication.run(StrongroomApplication.class, args);
            return;
        }
        int exitCode = StrongroomCli.run(StrongroomApplication.class, args);
        System.exit(exitCode);
    }

    /** The one clock every module reads time from; tests replace it to move time without sleeping. */
    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }
}
