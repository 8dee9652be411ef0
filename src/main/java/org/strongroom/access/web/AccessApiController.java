package org.strongroom.access.web;

import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import jakarta.servlet.http.HttpServletRequest;

import org.jspecify.annotations.Nullable;
import org.springframework.context.MessageSource;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.server.ResponseStatusException;
import org.strongroom.access.AccessExplanations;
import org.strongroom.access.AccessGrant;
import org.strongroom.access.AccessGrants;
import org.strongroom.access.AccessPolicy;
import org.strongroom.access.AccessRefused;
import org.strongroom.access.MyAccess;
import org.strongroom.access.AccessResult;
import org.strongroom.access.Actor;
import org.strongroom.access.CareTeamMember;
import org.strongroom.access.CareTeams;
import org.strongroom.access.Permission;
import org.strongroom.access.RoleDefinition;
import org.strongroom.access.Roles;
import org.strongroom.access.Sensitivity;
import org.strongroom.access.TeamRole;
import org.strongroom.identity.ApiController;
import org.strongroom.identity.StaffId;
import org.strongroom.identity.StaffPrincipal;

/**
 * The access part of the JSON API: who can access a client and why, the client's care team, its
 * time-limited grants, and the role definitions. Every answer comes from the access services,
 * which ask the policy for each call; this layer adds no rule of its own. Grants are addressed
 * under their client ({@code /clients/{clientId}/grants/{grantId}}) and looked up within that
 * client's grants, so a grant id never reaches another client's record through the path. Ids
 * taken from the path are never read from a body; bodies are read strictly
 * ({@link AccessApiBodies}). Answers carry ids, codes and times — no staff name or email.
 */
@ApiController
@RequestMapping(path = "/api/v1", produces = MediaType.APPLICATION_JSON_VALUE)
class AccessApiController {

    /** Body of {@code PUT /clients/{clientId}/team/{staffId}}. */
    record TeamRoleRequest(@Nullable String teamRole) {
    }

    /** Body of {@code POST /clients/{clientId}/grants}. */
    record NewGrantRequest(@Nullable String staffId, @Nullable String until, @Nullable String reason) {
        @Override
        public String toString() {
            return "NewGrantRequest[" + staffId + "]";
        }
    }

    /** Body of {@code POST /clients/{clientId}/grants/{grantId}/renew}. */
    record RenewRequest(@Nullable String until) {
    }

    record AccessList(String clientId, List<AccessEntry> access) {
    }

    record AccessEntry(String staffId, String role, String basis, @Nullable String teamRole, @Nullable String until,
                       List<String> permissions) {
    }

    record Team(String clientId, List<Member> members) {
    }

    record Member(String staffId, String teamRole, String addedAt, @Nullable String addedBy) {
    }

    record GrantList(String clientId, List<Grant> grants) {
    }

    /** One grant; {@code reason} is the stated reason (decrypted), {@code review} a break-the-glass review state. */
    record Grant(String id, String clientId, String staffId, String kind, String status, String startsAt, String expiresAt,
                 String createdAt, @Nullable String createdBy, @Nullable String revokedAt, @Nullable String revokedBy,
                 @Nullable String reason, @Nullable String review) {
        @Override
        public String toString() {
            return "Grant[" + id + "]";
        }
    }

    record RoleList(List<Role> roles) {
    }

    record Role(String key, String label, boolean builtIn, String reach, List<String> permissions,
                Map<String, String> visibility) {
    }

    private static final Map<String, String> GRANT_FIELDS = Map.of("staff", "staffId", "grant", "grantId");
    private static final Map<String, String> TEAM_FIELDS = Map.of("staff", "staffId");

    private final AccessExplanations explanations;
    private final CareTeams teams;
    private final AccessGrants grants;
    private final Roles roles;
    private final AccessPolicy policy;
    private final MessageSource messages;
    private final Clock clock;

    AccessApiController(AccessExplanations explanations, CareTeams teams, AccessGrants grants, Roles roles,
                        AccessPolicy policy, MessageSource messages, Clock clock) {
        this.explanations = explanations;
        this.teams = teams;
        this.grants = grants;
        this.roles = roles;
        this.policy = policy;
        this.messages = messages;
        this.clock = clock;
    }

    /** Needs {@code access.review}. */
    @GetMapping("/clients/{clientId}/access")
    AccessList whoCanAccess(@PathVariable String clientId, @AuthenticationPrincipal StaffPrincipal me) {
        UUID client = client(clientId);
        return new AccessList(client.toString(), explanations.whoCanAccess(Actor.of(me), client).stream()
                .map(p -> new AccessEntry(p.staff().toString(), p.role().name(), p.basis().name(),
                        p.teamRole() == null ? null : p.teamRole().name(), text(p.until()),
                        p.permissions().stream().map(Permission::code).sorted().toList()))
                .toList());
    }

    /** The caller's own access to the client: basis, until, permissions, visibility. Needs {@code client.read} on it. */
    @GetMapping("/clients/{clientId}/my-access")
    Mine myAccess(@PathVariable String clientId, @AuthenticationPrincipal StaffPrincipal me) {
        UUID client = client(clientId);
        MyAccess mine = explanations.mine(Actor.of(me), client);
        Map<String, String> visibility = new LinkedHashMap<>();
        for (Sensitivity level : Sensitivity.values()) {
            visibility.put(level.name(), mine.visibility().get(level).name());
        }
        return new Mine(client.toString(), mine.basis().name(), mine.teamRole() == null ? null : mine.teamRole().name(),
                text(mine.until()), mine.permissions().stream().map(Permission::code).sorted().toList(), visibility);
    }

    record Mine(String clientId, String basis, @Nullable String teamRole, @Nullable String until, List<String> permissions,
                Map<String, String> visibility) {
    }

    @GetMapping("/clients/{clientId}/team")
    Team team(@PathVariable String clientId, @AuthenticationPrincipal StaffPrincipal me) {
        UUID client = client(clientId);
        return new Team(client.toString(), teams.members(Actor.of(me), client).stream().map(AccessApiController::member).toList());
    }

    /** Puts the person on the team or changes their part; the person and the client come from the path only. */
    @PutMapping(path = "/clients/{clientId}/team/{staffId}", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<?> assign(@PathVariable String clientId, @PathVariable String staffId,
                             @AuthenticationPrincipal StaffPrincipal me, HttpServletRequest request) {
        UUID client = client(clientId);
        Actor actor = Actor.of(me);
        // Who may change the team is decided before the body is read.
        policy.require(actor, Permission.CARE_TEAM_MANAGE, client);
        StaffId person = ClientAccessIds.staffId(staffId).orElseThrow(AccessApiController::nothingHere);
        TeamRoleRequest body = AccessApiBodies.read(request, TeamRoleRequest.class);
        Optional<TeamRole> teamRole = teamRole(body.teamRole());
        if (teamRole.isEmpty()) {
            return AccessApiProblem.invalid(Map.of("teamRole", "accessclient.api.teamRole"), Map.of(), messages);
        }
        AccessResult<CareTeamMember> result = teams.assign(actor, client, person, teamRole.get());
        if (result instanceof AccessResult.Done<CareTeamMember> done) {
            return ResponseEntity.ok(member(done.value()));
        }
        return unprocessable(result, TEAM_FIELDS);
    }

    @DeleteMapping("/clients/{clientId}/team/{staffId}")
    ResponseEntity<?> remove(@PathVariable String clientId, @PathVariable String staffId,
                             @AuthenticationPrincipal StaffPrincipal me) {
        UUID client = client(clientId);
        StaffId person = ClientAccessIds.staffId(staffId).orElseThrow(AccessApiController::nothingHere);
        AccessResult<Boolean> result = teams.remove(Actor.of(me), client, person);
        if (result instanceof AccessResult.Done<Boolean>) {
            return ResponseEntity.noContent().build();
        }
        // Not on the team: there is nothing at this address.
        return AccessApiProblem.notFound();
    }

    @GetMapping("/clients/{clientId}/grants")
    GrantList grants(@PathVariable String clientId, @AuthenticationPrincipal StaffPrincipal me) {
        UUID client = client(clientId);
        Instant now = clock.instant();
        return new GrantList(client.toString(), grants.forClient(Actor.of(me), client).stream().map(g -> grant(g, now)).toList());
    }

    @GetMapping("/clients/{clientId}/grants/{grantId}")
    Grant grant(@PathVariable String clientId, @PathVariable String grantId, @AuthenticationPrincipal StaffPrincipal me) {
        return grant(ownGrant(Actor.of(me), client(clientId), grantId), clock.instant());
    }

    @PostMapping(path = "/clients/{clientId}/grants", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<?> newGrant(@PathVariable String clientId, @AuthenticationPrincipal StaffPrincipal me,
                               HttpServletRequest request) {
        UUID client = client(clientId);
        Actor actor = Actor.of(me);
        policy.require(actor, Permission.GRANT_MANAGE, client);
        NewGrantRequest body = AccessApiBodies.read(request, NewGrantRequest.class);
        Map<String, String> problems = new LinkedHashMap<>();
        Optional<StaffId> person = body.staffId() == null ? Optional.empty() : ClientAccessIds.staffId(body.staffId());
        if (person.isEmpty()) {
            problems.put("staffId", "accessclient.api.staffId");
        }
        Optional<Instant> until = instant(body.until());
        if (until.isEmpty()) {
            problems.put("until", "accessclient.api.until");
        }
        if (!problems.isEmpty()) {
            return AccessApiProblem.invalid(problems, Map.of(), messages);
        }
        AccessResult<AccessGrant> result = grants.grant(actor, client, person.get(), until.get(), body.reason());
        if (result instanceof AccessResult.Done<AccessGrant> done) {
            AccessGrant made = done.value();
            return ResponseEntity.created(URI.create("/api/v1/clients/" + client + "/grants/" + made.id()))
                    .body(grant(made, clock.instant()));
        }
        return unprocessable(result, GRANT_FIELDS);
    }

    @PostMapping(path = "/clients/{clientId}/grants/{grantId}/renew", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<?> renew(@PathVariable String clientId, @PathVariable String grantId,
                            @AuthenticationPrincipal StaffPrincipal me, HttpServletRequest request) {
        Actor actor = Actor.of(me);
        UUID client = client(clientId);
        policy.require(actor, Permission.GRANT_MANAGE, client);
        AccessGrant grant = ownGrant(actor, client, grantId);
        RenewRequest body = AccessApiBodies.read(request, RenewRequest.class);
        Optional<Instant> until = instant(body.until());
        if (until.isEmpty() || grant.kind() != AccessGrant.Kind.GRANT) {
            return AccessApiProblem.invalid(until.isEmpty() ? Map.of("until", "accessclient.api.until")
                    : Map.of("grantId", "accessclient.grant.breakGlassNoRenew"), Map.of(), messages);
        }
        AccessResult<AccessGrant> result = grants.renew(actor, grant.id(), until.get());
        if (result instanceof AccessResult.Done<AccessGrant> done) {
            return ResponseEntity.ok(grant(done.value(), clock.instant()));
        }
        return unprocessable(result, GRANT_FIELDS);
    }

    /** Ends the grant (or break-the-glass) now; access stops from the next request. */
    @DeleteMapping("/clients/{clientId}/grants/{grantId}")
    ResponseEntity<?> revoke(@PathVariable String clientId, @PathVariable String grantId,
                             @AuthenticationPrincipal StaffPrincipal me) {
        Actor actor = Actor.of(me);
        UUID client = client(clientId);
        policy.require(actor, Permission.GRANT_MANAGE, client);
        AccessGrant grant = ownGrant(actor, client, grantId);
        AccessResult<AccessGrant> result = grants.revoke(actor, grant.id());
        if (result instanceof AccessResult.Done<AccessGrant>) {
            return ResponseEntity.noContent().build();
        }
        return unprocessable(result, GRANT_FIELDS);
    }

    /** Every role, built-in first; needs {@code role.manage} or {@code access.review}. */
    @GetMapping("/roles")
    RoleList roles(@AuthenticationPrincipal StaffPrincipal me) {
        return new RoleList(roles.all(Actor.of(me)).stream().filter(RoleDefinition::forStaff).map(this::role).toList());
    }

    /** A refusal by the policy: 404 when the client is out of reach (as if absent), else 403; never why. */
    @ExceptionHandler(AccessRefused.class)
    ResponseEntity<AccessApiProblem> refused(AccessRefused refused) {
        return AccessApiProblem.refused(refused);
    }

    /**
     * The grant with this id among the client's own grants. A grant of another client is not
     * found here, whatever the caller may do on that other client.
     */
    private AccessGrant ownGrant(Actor actor, UUID client, String grantId) {
        UUID id = ClientAccessIds.uuid(grantId).orElseThrow(AccessApiController::nothingHere);
        return grants.forClient(actor, client).stream()
                .filter(g -> g.id().equals(id))
                .findFirst()
                .orElseThrow(AccessApiController::nothingHere);
    }

    private ResponseEntity<?> unprocessable(AccessResult<?> result, Map<String, String> fields) {
        if (result instanceof AccessResult.Rejected<?> rejected && rejected.problems().containsKey("client")) {
            // No client with this id: nothing at this address, as for a malformed id.
            return AccessApiProblem.notFound();
        }
        if (result instanceof AccessResult.Rejected<?> rejected) {
            return AccessApiProblem.invalid(rejected.problems(), fields, messages);
        }
        // Conflict and step-up do not arise from these services; answer a retry rather than guess.
        return ResponseEntity.status(HttpStatus.CONFLICT).contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(new AccessApiProblem("about:blank", HttpStatus.CONFLICT.getReasonPhrase(), 409,
                        "The record changed meanwhile; read it again and retry.", null));
    }

    private Role role(RoleDefinition role) {
        Map<String, String> visibility = new LinkedHashMap<>();
        for (Sensitivity level : Sensitivity.values()) {
            visibility.put(level.name(), role.sees(level).name());
        }
        String label = role.label() != null ? role.label()
                : messages.getMessage("role." + role.key(), null, role.key(), Locale.ENGLISH);
        return new Role(role.key(), label, role.builtIn(), role.reach().name(),
                role.permissions().stream().map(Permission::code).toList(), visibility);
    }

    private static Member member(CareTeamMember m) {
        return new Member(m.staff().toString(), m.teamRole().name(), m.addedAt().toString(),
                m.addedBy() == null ? null : m.addedBy().toString());
    }

    private static Grant grant(AccessGrant g, Instant now) {
        return new Grant(g.id().toString(), g.clientId().toString(), g.staff().toString(), g.kind().name(),
                ClientAccessPages.status(g, now), g.startsAt().toString(), g.expiresAt().toString(), g.createdAt().toString(),
                g.createdBy() == null ? null : g.createdBy().toString(), text(g.revokedAt()),
                g.revokedBy() == null ? null : g.revokedBy().toString(), g.reason(),
                g.review() == null ? null : g.review().name());
    }

    private static UUID client(String clientId) {
        return ClientAccessIds.uuid(clientId).orElseThrow(AccessApiController::nothingHere);
    }

    private static Optional<TeamRole> teamRole(@Nullable String text) {
        for (TeamRole role : TeamRole.values()) {
            if (role.name().equals(text)) {
                return Optional.of(role);
            }
        }
        return Optional.empty();
    }

    /** An ISO-8601 instant with its offset ({@code 2026-12-01T17:00:00Z}); nothing else. */
    private static Optional<Instant> instant(@Nullable String text) {
        if (text == null || text.length() > 40) {
            return Optional.empty();
        }
        try {
            return Optional.of(java.time.OffsetDateTime.parse(text).toInstant());
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    private static @Nullable String text(@Nullable Instant instant) {
        return instant == null ? null : instant.toString();
    }

    private static ResponseStatusException nothingHere() {
        return new ResponseStatusException(HttpStatus.NOT_FOUND);
    }
}
