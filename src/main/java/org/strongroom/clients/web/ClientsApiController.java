package org.strongroom.clients.web;

import java.net.URI;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

import jakarta.servlet.http.HttpServletRequest;

import org.jspecify.annotations.Nullable;
import org.springframework.context.MessageSource;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import org.strongroom.access.AccessPolicy;
import org.strongroom.access.Actor;
import org.strongroom.access.Permission;
import org.strongroom.access.Visibility;
import org.strongroom.clients.ClientDirectory;
import org.strongroom.clients.ClientPage;
import org.strongroom.clients.ClientProfile;
import org.strongroom.clients.ClientQuery;
import org.strongroom.clients.ClientResult;
import org.strongroom.clients.ClientStatus;
import org.strongroom.clients.ClientSummary;
import org.strongroom.clients.Clients;
import org.strongroom.clients.FieldCatalogue;
import org.strongroom.clients.FieldDefinition;
import org.strongroom.clients.FieldType;
import org.strongroom.clients.FieldValues;
import org.strongroom.clients.HistoryEntry;
import org.strongroom.clients.NewClient;
import org.strongroom.clients.ProfileValue;
import org.strongroom.identity.ApiController;
import org.strongroom.identity.StaffId;
import org.strongroom.identity.StaffPrincipal;

/**
 * The clients part of the JSON API: the master index (list with filters, search), one client's
 * record as the caller may see it, create, edit, close, reopen, each field's history, and the
 * field catalogue. Every call goes to the clients services, which ask the access policy and write
 * the audit trail; this layer adds no rule of its own. A client out of reach, one that does not
 * exist and an id that is not an id all answer the same 404. Bodies are read strictly
 * ({@link ClientsApiBodies}): only what the request records name is accepted — never an id, a
 * reference, a creator or (on an edit) a status. Edits are optimistic: the record's
 * {@code version} (also its {@code ETag}) must be sent back, in the body or as {@code If-Match}.
 * Answers with personal data are {@code Cache-Control: no-store}.
 */
@ApiController
@RequestMapping(path = "/api/v1", produces = MediaType.APPLICATION_JSON_VALUE)
class ClientsApiController {

    /** Body of {@code POST /clients}. {@code status} defaults to {@code ACTIVE}; values are raw text by catalogue key. */
    record NewClientRequest(@Nullable String status, @Nullable Map<String, String> values, @Nullable Boolean acknowledgeDuplicates) {
        @Override
        public String toString() {
            return "NewClientRequest[" + (values == null ? 0 : values.size()) + " values]";
        }
    }

    /** Body of {@code PATCH /clients/{id}}: the changed values ({@code null} or blank clears one) and the version read. */
    record EditRequest(@Nullable Long version, @Nullable Map<String, String> values) {
        @Override
        public String toString() {
            return "EditRequest[v" + version + ", " + (values == null ? 0 : values.size()) + " values]";
        }
    }

    /** Body of {@code POST /clients/{id}/close} and {@code /reopen}. */
    record VersionRequest(@Nullable Long version) {
    }

    /** One line of the master index; {@code displayName} is null when the caller's role does not see names. */
    record Summary(String id, String reference, String status, @Nullable String displayName, String lastTouchedAt,
                   @Nullable List<String> reasons) {
    }

    record Page(List<Summary> clients, @Nullable String nextCursor, @Nullable Long total) {
    }

    record Found(List<Summary> clients) {
    }

    /**
     * One visible field: its value ({@code null} when empty), masked when the caller's role sees
     * its sensitivity level masked. Fields the caller may not see are absent.
     */
    record Value(String key, String type, @Nullable String value, boolean masked) {
    }

    record Profile(String id, String reference, String status, long version, String createdAt, String updatedAt,
                   @Nullable String closedAt, String lastTouchedAt, @Nullable String displayName, List<Value> values) {
    }

    record Change(String field, String changedAt, @Nullable String changedBy, String cause, long version,
                  @Nullable String oldValue, @Nullable String newValue, boolean masked) {
    }

    record History(String clientId, List<Change> changes) {
    }

    record Field(String key, String label, String type, String sensitivity, String category, @Nullable String purpose,
                 boolean required, String search, @Nullable String retention, boolean enabled, boolean builtIn,
                 List<String> choices, long version) {
    }

    record Catalogue(List<Field> fields) {
    }

    static final int DEFAULT_LIMIT = 50;
    static final int MAX_LIMIT = 200;
    static final int DEFAULT_SEARCH_LIMIT = 20;
    static final int MAX_SEARCH_LIMIT = 50;
    static final int MAX_QUERY = 200;
    static final int MAX_CURSOR = 512;

    /** A client id as this API writes it: lower-case canonical UUID text, nothing else. */
    private static final Pattern ID = Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
    private static final Pattern ETAG = Pattern.compile("\"([0-9]{1,18})\"");
    private static final Set<String> LIST_PARAMETERS = Set.of("status", "tag", "careTeam", "touchedAfter", "touchedBefore",
            "cursor", "limit");
    private static final Set<String> SEARCH_PARAMETERS = Set.of("q", "limit");
    private static final Set<ClientStatus> CREATABLE = EnumSet.of(ClientStatus.PROSPECT, ClientStatus.ACTIVE, ClientStatus.INACTIVE);

    private final Clients clients;
    private final ClientDirectory directory;
    private final FieldCatalogue catalogue;
    private final AccessPolicy policy;
    private final MessageSource messages;

    ClientsApiController(Clients clients, ClientDirectory directory, FieldCatalogue catalogue, AccessPolicy policy,
                         MessageSource messages) {
        this.clients = clients;
        this.directory = directory;
        this.catalogue = catalogue;
        this.policy = policy;
        this.messages = messages;
    }

    // --- the master index ----------------------------------------------------------------------

    /** A page of the clients the caller may read, most recently touched first. Needs {@code client.read}. */
    @GetMapping("/clients")
    ResponseEntity<?> list(@RequestParam MultiValueMap<String, String> parameters, @AuthenticationPrincipal StaffPrincipal me) {
        Actor actor = Actor.of(me);
        readsSomeClients(actor);
        Map<String, String> problems = new LinkedHashMap<>();
        single(parameters, LIST_PARAMETERS, problems);
        Set<ClientStatus> statuses = EnumSet.noneOf(ClientStatus.class);
        String status = parameters.getFirst("status");
        if (status != null) {
            for (String part : status.split(",", -1)) {
                Optional<ClientStatus> one = listable(part.strip());
                if (one.isEmpty()) {
                    problems.put("status", "clientapi.parameter.status");
                    break;
                }
                statuses.add(one.get());
            }
        }
        String tag = parameters.getFirst("tag");
        if (tag != null && (tag.isBlank() || tag.length() > FieldValues.MAX_TAG)) {
            problems.put("tag", "clientapi.parameter.tag");
        }
        String careTeam = parameters.getFirst("careTeam");
        StaffId teamOf = null;
        if (careTeam != null) {
            if (ID.matcher(careTeam).matches()) {
                teamOf = StaffId.parse(careTeam);
            } else {
                problems.put("careTeam", "clientapi.parameter.careTeam");
            }
        }
        Instant after = instant(parameters.getFirst("touchedAfter"), "touchedAfter", problems);
        Instant before = instant(parameters.getFirst("touchedBefore"), "touchedBefore", problems);
        String cursor = parameters.getFirst("cursor");
        if (cursor != null && (cursor.isEmpty() || cursor.length() > MAX_CURSOR || !cursor.matches("[A-Za-z0-9_.~=:-]+"))) {
            problems.put("cursor", "clientapi.parameter.cursor");
        }
        int limit = limit(parameters.getFirst("limit"), DEFAULT_LIMIT, MAX_LIMIT, problems);
        if (!problems.isEmpty()) {
            return ClientsApiProblem.badParameters(problems, messages);
        }
        ClientPage page;
        try {
            page = directory.list(actor, new ClientQuery(statuses, tag == null ? null : tag.strip(), teamOf, after, before,
                    cursor, limit));
        } catch (IllegalArgumentException notThisServersCursor) {
            // The other parameters were checked above: only a cursor the directory did not make (or made for other filters) is left.
            return ClientsApiProblem.badParameters(Map.of("cursor", "clientapi.parameter.cursor"), messages);
        }
        return personal(HttpStatus.OK).body(new Page(page.clients().stream().map(c -> summary(c, null)).toList(), page.nextCursor(),
                page.total()));
    }

    /** The one search box: name, email, phone, reference, date of birth. Needs {@code client.read}. */
    @GetMapping("/clients/search")
    ResponseEntity<?> search(@RequestParam MultiValueMap<String, String> parameters, @AuthenticationPrincipal StaffPrincipal me) {
        Actor actor = Actor.of(me);
        readsSomeClients(actor);
        Map<String, String> problems = new LinkedHashMap<>();
        single(parameters, SEARCH_PARAMETERS, problems);
        String q = parameters.getFirst("q");
        if (q == null || q.isBlank() || q.length() > MAX_QUERY || q.chars().anyMatch(Character::isISOControl)) {
            problems.put("q", "clientapi.parameter.q");
        }
        int limit = limit(parameters.getFirst("limit"), DEFAULT_SEARCH_LIMIT, MAX_SEARCH_LIMIT, problems);
        if (!problems.isEmpty()) {
            return ClientsApiProblem.badParameters(problems, messages);
        }
        return personal(HttpStatus.OK).body(new Found(directory.search(actor, q.strip(), limit).stream()
                .map(c -> summary(c, null)).toList()));
    }

    // --- one client ----------------------------------------------------------------------------

    /** The record as the caller may see it. Needs {@code client.read} on the client; recorded as {@code clients.viewed}. */
    @GetMapping("/clients/{id}")
    ResponseEntity<Profile> profile(@PathVariable String id, @AuthenticationPrincipal StaffPrincipal me) {
        ClientProfile profile = clients.profile(Actor.of(me), client(id));
        return personal(HttpStatus.OK).eTag(etag(profile.version())).body(profile(profile));
    }

    /** Creates a client. Needs {@code client.create}. */
    @PostMapping(path = "/clients", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<?> create(@AuthenticationPrincipal StaffPrincipal me, HttpServletRequest request) {
        Actor actor = Actor.of(me);
        // Who may create is decided before the body is read.
        policy.require(actor, Permission.CLIENT_CREATE);
        NewClientRequest body = ClientsApiBodies.read(request, NewClientRequest.class);
        Optional<ClientStatus> status = body.status() == null ? Optional.of(ClientStatus.ACTIVE) : creatable(body.status());
        if (status.isEmpty()) {
            return ClientsApiProblem.invalid(Map.of("status", "clientapi.status.create"), messages);
        }
        Map<String, String> values = new LinkedHashMap<>();
        if (body.values() != null) {
            body.values().forEach((key, value) -> {
                if (value != null) {
                    values.put(key, value);
                }
            });
        }
        ClientResult<ClientProfile> result = clients.create(actor, new NewClient(status.get(), values,
                Boolean.TRUE.equals(body.acknowledgeDuplicates())));
        if (result instanceof ClientResult.Done<ClientProfile> done) {
            ClientProfile made = done.value();
            return personal(HttpStatus.CREATED).location(URI.create("/api/v1/clients/" + made.id()))
                    .eTag(etag(made.version())).body(profile(made));
        }
        if (result instanceof ClientResult.PossibleDuplicates<ClientProfile> duplicates) {
            return ClientsApiProblem.duplicates(duplicates.candidates().stream()
                    .map(c -> summary(c.client(), c.reasons().stream().sorted().toList())).toList());
        }
        return unsaved(result);
    }

    /**
     * Changes some values. Needs {@code client.update} on the client; only fields the caller sees
     * in full may change. The version read must come back (body {@code version} or
     * {@code If-Match}); a stale one is a 409 naming the fields changed since.
     */
    @PatchMapping(path = "/clients/{id}", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<?> edit(@PathVariable String id, @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) @Nullable String ifMatch,
                           @AuthenticationPrincipal StaffPrincipal me, HttpServletRequest request) {
        UUID client = client(id);
        Actor actor = Actor.of(me);
        policy.require(actor, Permission.CLIENT_UPDATE, client);
        EditRequest body = ClientsApiBodies.read(request, EditRequest.class);
        Map<String, String> problems = new LinkedHashMap<>();
        Long version = version(body.version(), ifMatch, problems);
        if (body.values() == null) {
            problems.put("values", "clientapi.values.required");
        }
        if (!problems.isEmpty()) {
            return ClientsApiProblem.invalid(problems, messages);
        }
        // A null value clears the field, as blank text does.
        Map<String, String> changes = new LinkedHashMap<>(body.values());
        return answer(clients.update(actor, client, version, changes), HttpStatus.OK);
    }

    /** Closes the record. Needs {@code client.close} on the client. */
    @PostMapping("/clients/{id}/close")
    ResponseEntity<?> close(@PathVariable String id, @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) @Nullable String ifMatch,
                            @AuthenticationPrincipal StaffPrincipal me, HttpServletRequest request) {
        UUID client = client(id);
        Actor actor = Actor.of(me);
        policy.require(actor, Permission.CLIENT_CLOSE, client);
        Map<String, String> problems = new LinkedHashMap<>();
        Long version = version(ClientsApiBodies.readOptional(request, VersionRequest.class).map(VersionRequest::version).orElse(null),
                ifMatch, problems);
        if (!problems.isEmpty()) {
            return ClientsApiProblem.invalid(problems, messages);
        }
        return answer(clients.changeStatus(actor, client, version, ClientStatus.CLOSED), HttpStatus.OK);
    }

    /** Reopens a closed record as active. Needs {@code client.close} on the client. */
    @PostMapping("/clients/{id}/reopen")
    ResponseEntity<?> reopen(@PathVariable String id, @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) @Nullable String ifMatch,
                             @AuthenticationPrincipal StaffPrincipal me, HttpServletRequest request) {
        UUID client = client(id);
        Actor actor = Actor.of(me);
        policy.require(actor, Permission.CLIENT_CLOSE, client);
        Map<String, String> problems = new LinkedHashMap<>();
        Long version = version(ClientsApiBodies.readOptional(request, VersionRequest.class).map(VersionRequest::version).orElse(null),
                ifMatch, problems);
        if (!problems.isEmpty()) {
            return ClientsApiProblem.invalid(problems, messages);
        }
        ClientSummary now = clients.summary(actor, client).orElseThrow(ClientsApiController::nothingHere);
        if (now.status() != ClientStatus.CLOSED) {
            return ClientsApiProblem.notClosed();
        }
        return answer(clients.changeStatus(actor, client, version, ClientStatus.ACTIVE), HttpStatus.OK);
    }

    /** Every change of every visible field, newest first. Needs {@code client.read} on the client. */
    @GetMapping("/clients/{id}/history")
    ResponseEntity<History> history(@PathVariable String id, @AuthenticationPrincipal StaffPrincipal me) {
        UUID client = client(id);
        List<Change> changes = new ArrayList<>();
        for (HistoryEntry h : clients.history(Actor.of(me), client)) {
            boolean masked = h.visibility() == Visibility.MASKED;
            FieldType type = h.field() == null ? null : h.field().type();
            changes.add(new Change(h.fieldKey(), h.changedAt().toString(), h.changedBy(), h.cause(), h.version(),
                    shown(type, h.oldValue(), masked), shown(type, h.newValue(), masked), masked));
        }
        return personal(HttpStatus.OK).body(new History(client.toString(), changes));
    }

    // --- the catalogue -------------------------------------------------------------------------

    /** The fields kept about clients (enabled ones; {@code ?all=true} for every field). Describes data, holds none. */
    @GetMapping("/catalogue")
    ResponseEntity<?> catalogue(@RequestParam MultiValueMap<String, String> parameters) {
        Map<String, String> problems = new LinkedHashMap<>();
        single(parameters, Set.of("all"), problems);
        String all = parameters.getFirst("all");
        if (all != null && !all.equals("true") && !all.equals("false")) {
            problems.put("all", "clientapi.parameter.all");
        }
        if (!problems.isEmpty()) {
            return ClientsApiProblem.badParameters(problems, messages);
        }
        List<FieldDefinition> fields = "true".equals(all) ? catalogue.all() : catalogue.enabled();
        return ResponseEntity.ok().cacheControl(CacheControl.noStore()).body(new Catalogue(fields.stream().map(this::field).toList()));
    }

    // --- answers -------------------------------------------------------------------------------

    private ResponseEntity<?> answer(ClientResult<ClientProfile> result, HttpStatus success) {
        if (result instanceof ClientResult.Done<ClientProfile> done) {
            return personal(success).eTag(etag(done.value().version())).body(profile(done.value()));
        }
        return unsaved(result);
    }

    private ResponseEntity<?> unsaved(ClientResult<ClientProfile> result) {
        if (result instanceof ClientResult.Conflict<ClientProfile> conflict) {
            return ClientsApiProblem.conflict(conflict.changedFields().stream().sorted().toList(), conflict.current().version());
        }
        if (result instanceof ClientResult.Rejected<ClientProfile> rejected) {
            return ClientsApiProblem.invalid(rejected.problems(), messages);
        }
        // Possible duplicates arise on create only, handled there.
        throw new IllegalStateException("unexpected result " + result.getClass().getSimpleName());
    }

    private static ResponseEntity.BodyBuilder personal(HttpStatus status) {
        return ResponseEntity.status(status).cacheControl(CacheControl.noStore());
    }

    private static Summary summary(ClientSummary c, @Nullable List<String> reasons) {
        return new Summary(c.id().toString(), c.reference(), c.status().name(), c.displayName(), c.lastTouchedAt().toString(), reasons);
    }

    private static Profile profile(ClientProfile p) {
        List<Value> values = new ArrayList<>();
        for (ProfileValue v : p.values()) {
            boolean masked = v.visibility() == Visibility.MASKED;
            values.add(new Value(v.field().key(), v.field().type().name(), shown(v.field().type(), v.shown(), masked), masked));
        }
        return new Profile(p.id().toString(), p.reference(), p.status().name(), p.version(), p.createdAt().toString(),
                p.updatedAt().toString(), p.closedAt() == null ? null : p.closedAt().toString(), p.lastTouchedAt().toString(),
                p.displayName(), values);
    }

    /** Tags are stored one per line; the API writes them as it reads them, separated by commas. */
    private static @Nullable String shown(@Nullable FieldType type, @Nullable String value, boolean masked) {
        if (value == null || masked || type != FieldType.TAGS) {
            return value;
        }
        return String.join(", ", FieldValues.tagsOf(value));
    }

    private Field field(FieldDefinition f) {
        String label = f.label() != null ? f.label() : messages.getMessage(f.labelKey(), null, f.key(), Locale.ENGLISH);
        return new Field(f.key(), label, f.type().name(), f.sensitivity().name(), f.category().name(), f.purpose(), f.required(),
                f.searchMode().name(), f.retention() == null ? null : f.retention().toString(), f.enabled(), f.builtIn(), f.choices(),
                f.version());
    }

    // --- input ---------------------------------------------------------------------------------

    /** Each known parameter at most once; an unknown one is refused (a misspelt filter would otherwise list everyone). */
    private static void single(MultiValueMap<String, String> parameters, Set<String> known, Map<String, String> problems) {
        for (Map.Entry<String, List<String>> p : parameters.entrySet()) {
            if (!known.contains(p.getKey())) {
                problems.put("parameters", "clientapi.parameter.unknown");
            } else if (p.getValue().size() > 1) {
                problems.put(p.getKey(), "clientapi.parameter.repeated");
            }
        }
    }

    private static int limit(@Nullable String text, int fallback, int max, Map<String, String> problems) {
        if (text == null) {
            return fallback;
        }
        if (text.matches("[0-9]{1,4}")) {
            int limit = Integer.parseInt(text);
            if (limit >= 1 && limit <= max) {
                return limit;
            }
        }
        problems.put("limit", max == MAX_LIMIT ? "clientapi.parameter.limit" : "clientapi.parameter.searchLimit");
        return fallback;
    }

    private static @Nullable Instant instant(@Nullable String text, String name, Map<String, String> problems) {
        if (text == null) {
            return null;
        }
        if (text.length() <= 40) {
            try {
                return OffsetDateTime.parse(text).toInstant();
            } catch (DateTimeParseException e) {
                // falls through to the problem
            }
        }
        problems.put(name, "clientapi.parameter.instant");
        return null;
    }

    /**
     * The version the caller read: the body's {@code version} or the {@code If-Match} entity tag
     * (both may be sent; they must agree).
     */
    private static long version(@Nullable Long inBody, @Nullable String ifMatch, Map<String, String> problems) {
        Long fromHeader = null;
        if (ifMatch != null) {
            var m = ETAG.matcher(ifMatch.strip());
            if (m.matches()) {
                fromHeader = Long.parseLong(m.group(1));
            } else {
                problems.put("If-Match", "clientapi.ifMatch");
                return 0;
            }
        }
        if (inBody == null && fromHeader == null) {
            problems.put("version", "clientapi.version.required");
            return 0;
        }
        if (inBody != null && fromHeader != null && !inBody.equals(fromHeader)) {
            problems.put("version", "clientapi.version.mismatch");
            return 0;
        }
        long version = inBody != null ? inBody : fromHeader;
        if (version < 1) {
            problems.put("version", "clientapi.version.required");
        }
        return version;
    }

    private static Optional<ClientStatus> creatable(String text) {
        return listable(text).filter(CREATABLE::contains);
    }

    private static Optional<ClientStatus> listable(String text) {
        for (ClientStatus status : ClientStatus.CHOOSABLE) {
            if (status.name().equals(text)) {
                return Optional.of(status);
            }
        }
        return Optional.empty();
    }

    /**
     * A role that reaches no client with {@code client.read} (an auditor) is refused the index
     * outright (403) rather than shown an empty one: the policy's scope says so.
     */
    private void readsSomeClients(Actor actor) {
        if (policy.scope(actor, Permission.CLIENT_READ).empty()) {
            throw new ResponseStatusException(HttpStatus.FORBIDDEN);
        }
    }

    private static String etag(long version) {
        return "\"" + version + "\"";
    }

    /** A path id: the canonical lower-case form only; anything else is an address with nothing at it. */
    private static UUID client(String id) {
        if (!ID.matcher(id).matches()) {
            throw nothingHere();
        }
        return UUID.fromString(id);
    }

    private static ResponseStatusException nothingHere() {
        return new ResponseStatusException(HttpStatus.NOT_FOUND);
    }
}
