package org.strongroom.operations.internal;

import java.util.Map;

import org.springframework.boot.flyway.autoconfigure.FlywayConfigurationCustomizer;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;
import org.flywaydb.core.api.configuration.FluentConfiguration;

/**
 * Lets one set of migrations run on SQLite and PostgreSQL: the few types that differ are written
 * as placeholders ({@code ${bytes}} for binary columns; {@code ${int64_key}} for a 64-bit integer
 * primary key, which on SQLite must be spelt INTEGER to become the table's rowid instead of a
 * second index beside it).
 */
@Component
class FlywayPlaceholders implements FlywayConfigurationCustomizer {

    private final Environment environment;

    FlywayPlaceholders(Environment environment) {
        this.environment = environment;
    }

    @Override
    public void customize(FluentConfiguration configuration) {
        configuration.placeholders(forUrl(environment.getProperty("spring.datasource.url", "")));
    }

    /** The placeholder values for a database, chosen by its JDBC URL. */
    static Map<String, String> forUrl(String jdbcUrl) {
        boolean sqlite = jdbcUrl.startsWith("jdbc:sqlite:");
        return Map.of("bytes", sqlite ? "BLOB" : "BYTEA", "int64_key", sqlite ? "INTEGER" : "BIGINT");
    }
}
