package org.strongroom.access;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The endpoint matrix of {@code src/test/resources/access/endpoint-matrix.tsv}: one line per
 * endpoint (method and path pattern exactly as Spring maps it), what it needs, whether it is about
 * one client, and a sample request. The file's header documents the format; this class only reads
 * it and refuses a malformed line with its line number.
 */
final class EndpointMatrix {

    static final String RESOURCE = "/access/endpoint-matrix.tsv";

    /** Which security chain answers the endpoint. */
    enum Chain {
        /** The pages: session cookie, CSRF token on every change. */
        PAGE,
        /** The JSON API under /api: bearer token only. */
        API
    }

    /** What a line needs before the service may be reached. */
    sealed interface Need {

        /** Anyone, signed in or not. */
        record Public() implements Need {
        }

        /** Any complete sign-in (password and second factor) or any valid API token. */
        record SignedIn() implements Need {
        }

        /** Password accepted, second factor still due — or a complete sign-in. */
        record SecondFactorStage() implements Need {
        }

        /** Password accepted, first factor enrolment still due — or a complete sign-in. */
        record EnrolmentStage() implements Need {
        }

        /**
         * Permissions: any one alternative will do, and an alternative needs all its permissions
         * ({@code audit.read+audit.export}, {@code access.review|client.read}).
         */
        record Permissions(List<List<Permission>> alternatives) implements Need {
        }

        static Need parse(String text) {
            return switch (text) {
                case "public" -> new Public();
                case "signed-in" -> new SignedIn();
                case "second-factor-stage" -> new SecondFactorStage();
                case "enrolment-stage" -> new EnrolmentStage();
                default -> {
                    List<List<Permission>> alternatives = new ArrayList<>();
                    for (String alternative : text.split("\\|")) {
                        List<Permission> all = new ArrayList<>();
                        for (String code : alternative.split("\\+")) {
                            all.add(Permission.fromCode(code.strip()).orElseThrow(() ->
                                    new IllegalArgumentException("unknown need or permission code '" + code + "'")));
                        }
                        alternatives.add(List.copyOf(all));
                    }
                    yield new Permissions(List.copyOf(alternatives));
                }
            };
        }
    }

    /**
     * One endpoint.
     *
     * @param number     line number in the file (for messages)
     * @param method     HTTP method
     * @param pattern    the path pattern as Spring maps it, e.g. {@code /admin/users/{id}/{action}}
     * @param chain      page or api
     * @param need       what it needs
     * @param clientBound whether the request names a client (its relation to the caller matters)
     * @param sample     a concrete path (with query) to call; placeholders filled by the test
     * @param body       form fields ({@code a=b&c=d}) for pages, JSON for the API; empty for none
     * @param flags      {@code last} (run after every other line: it ends the session),
     *                   {@code reached=NNN} (a status that counts as "reached the service" here, e.g. a
     *                   setup link that can no longer be used answers 403 to everyone)
     */
    record Line(int number, String method, String pattern, Chain chain, Need need, boolean clientBound, String sample,
                String body, Set<String> flags) {

        String endpoint() {
            return method + " " + pattern;
        }

        boolean last() {
            return flags.contains("last");
        }

        /** Statuses declared as "reached the service" for this line. */
        Set<Integer> reached() {
            Set<Integer> statuses = new LinkedHashSet<>();
            for (String flag : flags) {
                if (flag.startsWith("reached=")) {
                    statuses.add(Integer.parseInt(flag.substring("reached=".length())));
                }
            }
            return statuses;
        }

        @Override
        public String toString() {
            return endpoint() + " (line " + number + ")";
        }
    }

    private EndpointMatrix() {
    }

    static List<Line> load() {
        try (InputStream in = EndpointMatrix.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource " + RESOURCE);
            }
            return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<Line> parse(String text) {
        List<Line> lines = new ArrayList<>();
        String[] rows = text.split("\n", -1);
        for (int i = 0; i < rows.length; i++) {
            String row = rows[i].replace("\r", "");
            if (row.isBlank() || row.startsWith("#")) {
                continue;
            }
            String[] cells = row.split("\t+");
            if (cells.length < 6) {
                throw new IllegalArgumentException("line " + (i + 1) + ": expected at least 6 tab-separated cells, got "
                        + cells.length + ": " + row);
            }
            try {
                String method = cells[0].strip().toUpperCase(Locale.ROOT);
                String pattern = cells[1].strip();
                Chain chain = Chain.valueOf(cells[2].strip().toUpperCase(Locale.ROOT));
                Need need = Need.parse(cells[3].strip());
                boolean clientBound = switch (cells[4].strip()) {
                    case "client" -> true;
                    case "-" -> false;
                    default -> throw new IllegalArgumentException("client column must be 'client' or '-'");
                };
                String sample = cells[5].strip();
                String body = cells.length > 6 && !"-".equals(cells[6].strip()) ? cells[6].strip() : "";
                Set<String> flags = new LinkedHashSet<>();
                if (cells.length > 7) {
                    flags.addAll(Arrays.asList(cells[7].strip().split(",")));
                    flags.remove("-");
                }
                if (chain == Chain.API != pattern.startsWith("/api/")) {
                    throw new IllegalArgumentException("chain 'api' is for /api/** and only for it");
                }
                if (clientBound && !sample.contains("{clientId}")) {
                    throw new IllegalArgumentException("a client-bound line's sample must contain {clientId}");
                }
                lines.add(new Line(i + 1, method, pattern, chain, need, clientBound, sample, body, Set.copyOf(flags)));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("line " + (i + 1) + ": " + e.getMessage() + ": " + row, e);
            }
        }
        return List.copyOf(lines);
    }
}
