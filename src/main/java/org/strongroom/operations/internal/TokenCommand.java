package org.strongroom.operations.internal;

import java.io.PrintWriter;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;
import org.springframework.context.ConfigurableApplicationContext;
import org.strongroom.identity.ApiScope;
import org.strongroom.identity.ApiTokenCreation;
import org.strongroom.identity.ApiTokenId;
import org.strongroom.identity.ApiTokenRequest;
import org.strongroom.identity.ApiTokenRevocation;
import org.strongroom.identity.ApiTokenSummary;
import org.strongroom.identity.ApiTokens;
import org.strongroom.identity.StaffDirectory;
import org.strongroom.identity.StaffId;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code strongroom token …}: personal access tokens from the command line, for whoever runs the
 * server. Works on the data folder or database whether or not the server is running (it does not
 * take the data folder's lock; the database serialises the writes).
 */
@Command(name = "token", mixinStandardHelpOptions = true,
        description = {"Creates, lists and revokes personal access tokens for the API.",
                "Run 'strongroom token COMMAND --help' for one command."},
        subcommands = {TokenCommand.Create.class, TokenCommand.ListTokens.class, TokenCommand.Revoke.class})
final class TokenCommand implements Callable<Integer> {

    static Class<?> application;
    static PrintWriter out;
    static PrintWriter err;

    TokenCommand(Class<?> application, PrintWriter out, PrintWriter err) {
        TokenCommand.application = application;
        TokenCommand.out = out;
        TokenCommand.err = err;
    }

    @Override
    public Integer call() {
        err.println("strongroom: token needs a subcommand: create, list or revoke. Run 'strongroom token --help' for usage.");
        return CommandLines.USAGE;
    }

    /** Options every token subcommand shares; token work also runs beside a live server. */
    static final class Target extends OfflineContext {
        int run(Function<ConfigurableApplicationContext, Integer> work) {
            return run(application, err, true, work);
        }
    }

    @Command(name = "create", mixinStandardHelpOptions = true,
            description = {"Creates a token for a staff member and prints it once on standard output.",
                    "It cannot be shown again: store it right away (e.g. in a secret manager)."},
            footer = {"", "Scopes: clients.read, clients.write, documents.read, documents.write,",
                    "        audit.read, users.read",
                    "Example:",
                    "  strongroom token create --user it@example.org --scopes clients.read \\",
                    "    --expires 30d --label \"Nightly export\" > token.txt"})
    static final class Create implements Callable<Integer> {
        @Option(names = "--user", required = true, paramLabel = "EMAIL", description = "Email of the staff member the token acts for.")
        String email;

        @Option(names = "--scopes", required = true, paramLabel = "SCOPE[,SCOPE...]", description = "What the token may do, comma-separated.")
        String scopes;

        @Option(names = "--expires", required = true, paramLabel = "WHEN",
                description = {"Lifetime (30d, 12h, P90D) or ISO-8601 date or time (2027-01-31, 2027-01-31T12:00:00Z);",
                        "at least 1 hour, at most 366 days."})
        String expires;

        @Option(names = "--label", paramLabel = "LABEL", defaultValue = "Created with strongroom token create",
                description = "What the token is for, shown in lists (default: \"${DEFAULT-VALUE}\").")
        String label;

        @Mixin
        Target target;

        @Override
        public Integer call() {
            Set<ApiScope> parsed;
            try {
                parsed = ApiScope.parseList(scopes);
            } catch (IllegalArgumentException e) {
                err.println("strongroom: " + e.getMessage() + ".");
                return CommandLines.USAGE;
            }
            try {
                TokenExpiry.parse(expires, Instant.now());
            } catch (IllegalArgumentException e) {
                err.println("strongroom: " + e.getMessage() + ".");
                return CommandLines.USAGE;
            }
            return target.run(context -> {
                ApiTokens tokens = context.getBean(ApiTokens.class);
                Instant expiresAt;
                try {
                    expiresAt = TokenExpiry.parse(expires, context.getBean(Clock.class).instant());
                } catch (IllegalArgumentException e) {
                    err.println("strongroom: " + e.getMessage() + ".");
                    return CommandLines.USAGE;
                }
                Optional<StaffId> staff = findByEmail(context, email);
                if (staff.isEmpty()) {
                    err.println("strongroom: no staff account has the email " + printable(email) + ".");
                    return CommandLines.FAILED;
                }
                ApiTokenCreation result = tokens.create(staff.get(), new ApiTokenRequest(label, parsed, expiresAt), null);
                if (result instanceof ApiTokenCreation.Created created) {
                    out.println(created.token().secret());
                    err.println("Created token " + created.token().id() + " for " + printable(email) + " with scopes "
                            + values(created.token().scopes()) + ", expiring " + time(created.token().expiresAt())
                            + ". It is shown only this once: store it now.");
                    return 0;
                }
                Map<String, String> problems = ((ApiTokenCreation.Rejected) result).problems();
                problems.forEach((field, code) -> err.println("strongroom: " + context.getMessage(code,
                        new Object[] {"label".equals(field) ? ApiTokens.MAX_LABEL_LENGTH : ApiTokens.MAX_USABLE_PER_ACCOUNT},
                        Locale.ENGLISH)));
                return problems.containsKey("staff") ? CommandLines.FAILED : CommandLines.USAGE;
            });
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true,
            description = {"Lists tokens (all, or one staff member's) with their status, expiry and last use.",
                    "Secrets are never shown: only their digests are stored."})
    static final class ListTokens implements Callable<Integer> {
        @Option(names = "--user", paramLabel = "EMAIL", description = "Only this staff member's tokens.")
        String email;

        @Mixin
        Target target;

        @Override
        public Integer call() {
            return target.run(context -> {
                ApiTokens tokens = context.getBean(ApiTokens.class);
                List<ApiTokenSummary> list;
                if (email != null) {
                    Optional<StaffId> staff = findByEmail(context, email);
                    if (staff.isEmpty()) {
                        err.println("strongroom: no staff account has the email " + printable(email) + ".");
                        return CommandLines.FAILED;
                    }
                    list = tokens.listOf(staff.get());
                } else {
                    list = tokens.listAll();
                }
                if (list.isEmpty()) {
                    out.println("No tokens.");
                    return 0;
                }
                Instant now = context.getBean(Clock.class).instant();
                String format = "%-36s  %-36s  %-7s  %-20s  %-20s  %s  %s%n";
                out.printf(format, "ID", "STAFF", "STATUS", "EXPIRES", "LAST USED", "SCOPES", "LABEL");
                for (ApiTokenSummary t : list) {
                    out.printf(format, t.id(), t.staff(), t.status(now), time(t.expiresAt()),
                            t.lastUsedAt() == null ? "never" : time(t.lastUsedAt()), values(t.scopes()), printable(t.label()));
                }
                out.flush();
                return 0;
            });
        }
    }

    @Command(name = "revoke", mixinStandardHelpOptions = true,
            description = "Revokes a token at once: its next use is refused, on every server node.")
    static final class Revoke implements Callable<Integer> {
        @Parameters(paramLabel = "ID", description = "The token's id, as shown by 'strongroom token list'.")
        String id;

        @Mixin
        Target target;

        @Override
        public Integer call() {
            ApiTokenId tokenId;
            try {
                tokenId = ApiTokenId.parse(id.strip());
            } catch (IllegalArgumentException e) {
                err.println("strongroom: '" + printable(id) + "' is not a token id; 'strongroom token list' shows them.");
                return CommandLines.USAGE;
            }
            return target.run(context -> {
                ApiTokenRevocation result = context.getBean(ApiTokens.class).revoke(tokenId);
                switch (result) {
                    case REVOKED -> out.println("Token " + tokenId + " revoked.");
                    case ALREADY_REVOKED -> out.println("Token " + tokenId + " was already revoked; nothing changed.");
                    case NOT_FOUND -> {
                        err.println("strongroom: no token has the id " + tokenId + ".");
                        return CommandLines.FAILED;
                    }
                }
                return 0;
            });
        }
    }

    static Optional<StaffId> findByEmail(ConfigurableApplicationContext context, String email) {
        return context.getBean(StaffDirectory.class).findByEmail(email);
    }

    static String values(Set<ApiScope> scopes) {
        return scopes.stream().map(ApiScope::value).sorted().collect(Collectors.joining(","));
    }

    static String time(Instant instant) {
        return DateTimeFormatter.ISO_INSTANT.format(instant.truncatedTo(ChronoUnit.SECONDS));
    }

    /** Text from input or the database, made safe for one console line (no control characters). */
    static String printable(@Nullable String text) {
        if (text == null) {
            return "";
        }
        String clean = text.codePoints().map(c -> Character.isISOControl(c) ? '?' : c)
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString();
        return clean.length() > 100 ? clean.substring(0, 100) + "…" : clean;
    }
}
