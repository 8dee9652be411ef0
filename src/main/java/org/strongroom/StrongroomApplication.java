package org.strongroom;

import java.time.Clock;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.modulith.Modulithic;
import org.strongroom.operations.StrongroomCli;

/**
 * Strongroom: a self-hosted server that keeps a business's client records encrypted per client,
 * visible only to the staff who should see them, and recorded in a verifiable audit trail.
 * The command line ({@code serve}, {@code init}, {@code version}, …) is the one entry point.
 */
@SpringBootApplication
@Modulithic(systemName = "Strongroom")
public class StrongroomApplication {

    public static void main(String[] args) {
        int exitCode = StrongroomCli.run(StrongroomApplication.class, args);
        System.exit(exitCode);
    }

    /** The one clock every module reads time from; tests replace it to move time without sleeping. */
    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }
}
