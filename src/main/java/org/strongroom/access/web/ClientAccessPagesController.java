package org.strongroom.access.web;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import jakarta.servlet.http.HttpServletResponse;

import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.MessageSource;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.strongroom.access.AccessExplanations;
import org.strongroom.access.AccessGrant;
import org.strongroom.access.AccessGrants;
import org.strongroom.access.AccessPath;
import org.strongroom.access.AccessPolicy;
import org.strongroom.access.AccessResult;
import org.strongroom.access.Actor;
import org.strongroom.access.CareTeamMember;
import org.strongroom.access.CareTeams;
import org.strongroom.access.Permission;
import org.strongroom.access.RoleDefinition;
import org.strongroom.access.TeamRole;
import org.strongroom.identity.StaffAdministration;
import org.strongroom.identity.StaffId;
import org.strongroom.identity.StaffMember;
import org.strongroom.identity.StaffPrincipal;
import org.strongroom.identity.StaffRole;
import org.strongroom.identity.StaffStatus;

/**
 * The access pages for owners and administrators (the security chain admits those with
 * {@code access.review}): open a client's access by id; "who can access this client and why";
 * its care team and time-limited grants with their forms; a person's teams and grants. Every
 * read and change goes through the access services, which ask the policy each time — a form is
 * shown only when the policy would allow it, but the service decides. Bad input answers 422 with
 * the messages at the fields and changes nothing; a malformed id in the path is a 404.
 */
@Controller
@RequestMapping("/admin/access")
class ClientAccessPagesController {

    /** A row of "who can access": one person, one basis. */
    record PathRow(String staffId, String name, String role, String basis, @Nullable TeamRole teamRole,
                   @Nullable Instant until, List<Permission> permissions) {
        @Override
        public String toString() {
            return "PathRow[" + staffId + " " + basis + "]";
        }
    }

    record MemberRow(String staffId, String name, TeamRole teamRole, Instant addedAt, @Nullable String addedBy) {
        @Override
        public String toString() {
            return "MemberRow[" + staffId + "]";
        }
    }

    record GrantRow(String id, String clientId, String staffId, String name, AccessGrant.Kind kind, String status,
                    Instant startsAt, Instant expiresAt, @Nullable String createdBy, @Nullable Instant revokedAt,
                    @Nullable String revokedBy, @Nullable String reason, AccessGrant.@Nullable Review review,
                    String renewValue) {
        @Override
        public String toString() {
            return "GrantRow[" + id + "]";
        }
    }

    record TeamRow(String clientId, TeamRole teamRole, Instant addedAt) {
    }

    record Choice(String id, String name, String role) {
        @Override
        public String toString() {
            return "Choice[" + id + "]";
        }
    }

    private final AccessExplanations explanations;
    private final CareTeams teams;
    private final AccessGrants grants;
    private final AccessPolicy policy;
    private final StaffAdministration staff;
    private final MessageSource messages;
    private final Clock clock;
    private final ZoneId zone;

    ClientAccessPagesController(AccessExplanations explanations, CareTeams teams, AccessGrants grants, AccessPolicy policy,
                                StaffAdministration staff, MessageSource messages, Clock clock,
                                @Value("${strongroom.organisation.time-zone:}") String zone) {
        this.explanations = explanations;
        this.teams = teams;
        this.grants = grants;
        this.policy = policy;
        this.staff = staff;
        this.messages = messages;
        this.clock = clock;
        this.zone = zone.isBlank() ? ZoneId.systemDefault() : ZoneId.of(zone);
    }

    /** The start: open a client by id, or a person from the staff list. */
    @GetMapping
    String index(@RequestParam(name = "client", required = false) @Nullable String client,
                 @AuthenticationPrincipal StaffPrincipal me, Model model, HttpServletResponse response, Locale locale) {
        policy.require(Actor.of(me), Permission.ACCESS_REVIEW);
        if (client != null) {
            Optional<UUID> id = ClientAccessIds.uuid(client.strip());
            if (id.isPresent()) {
                return "redirect:/admin/access/clients/" + id.get();
            }
            response.setStatus(422);
            model.addAttribute("clientProblem", client.isBlank() ? "accessclient.open.required" : "accessclient.open.invalid");
            model.addAttribute("clientValue", client.length() > 64 ? "" : client);
        }
        List<StaffMember> everyone = staff.list().stream()
                .filter(m -> m.status() != StaffStatus.OFFBOARDED)
                .sorted(Comparator.comparing(StaffMember::displayName, String.CASE_INSENSITIVE_ORDER))
                .toList();
        model.addAttribute("people", everyone.stream()
                .map(m -> new Choice(m.id().toString(), m.displayName(), roleLabel(m.role(), locale))).toList());
        return "access/index";
    }

    @GetMapping("/clients/{clientId}")
    String client(@PathVariable String clientId, @AuthenticationPrincipal StaffPrincipal me, Model model, Locale locale) {
        return render(client(clientId), Actor.of(me), model, locale);
    }

    /** Puts someone on the team, or changes their part. */
    @PostMapping("/clients/{clientId}/team")
    String assign(@PathVariable String clientId, @RequestParam(defaultValue = "") String staffId,
                  @RequestParam(defaultValue = "") String teamRole, @AuthenticationPrincipal StaffPrincipal me,
                  Model model, HttpServletResponse response, RedirectAttributes redirect, Locale locale) {
        UUID client = client(clientId);
        Actor actor = Actor.of(me);
        // Who may change the team is decided before the input is looked at.
        policy.require(actor, Permission.CARE_TEAM_MANAGE, client);
        Map<String, String> problems = new LinkedHashMap<>();
        Optional<StaffId> person = ClientAccessIds.staffId(staffId);
        if (person.isEmpty()) {
            problems.put("team.staff", "access.team.staffUnknown");
        }
        Optional<TeamRole> part = teamRole(teamRole);
        if (part.isEmpty()) {
            problems.put("team.teamRole", "accessclient.teamRole.invalid");
        }
        if (problems.isEmpty()) {
            AccessResult<CareTeamMember> result = teams.assign(actor, client, person.get(), part.get());
            if (result instanceof AccessResult.Done<CareTeamMember>) {
                redirect.addFlashAttribute("done", "accessclient.done.team");
                return "redirect:/admin/access/clients/" + client;
            }
            problems.putAll(prefixed("team.", result));
        }
        response.setStatus(422);
        model.addAttribute("problems", problems);
        model.addAttribute("teamForm", Map.of("staffId", staffId.length() > 36 ? "" : staffId,
                "teamRole", part.map(TeamRole::name).orElse("")));
        return render(client, actor, model, locale);
    }

    @PostMapping("/clients/{clientId}/team/{staffId}/remove")
    String remove(@PathVariable String clientId, @PathVariable String staffId, @AuthenticationPrincipal StaffPrincipal me,
                  RedirectAttributes redirect) {
        UUID client = client(clientId);
        Actor actor = Actor.of(me);
        policy.require(actor, Permission.CARE_TEAM_MANAGE, client);
        StaffId person = ClientAccessIds.staffId(staffId).orElseThrow(ClientAccessPagesController::nothingHere);
        AccessResult<Boolean> result = teams.remove(actor, client, person);
        if (result instanceof AccessResult.Done<Boolean>) {
            redirect.addFlashAttribute("done", "accessclient.done.removed");
        } else {
            redirect.addFlashAttribute("refused", "access.team.notMember");
        }
        return "redirect:/admin/access/clients/" + client;
    }

    @PostMapping("/clients/{clientId}/grants")
    String grant(@PathVariable String clientId, @RequestParam(defaultValue = "") String staffId,
                 @RequestParam(defaultValue = "") String until, @RequestParam(defaultValue = "") String reason,
                 @AuthenticationPrincipal StaffPrincipal me, Model model, HttpServletResponse response,
                 RedirectAttributes redirect, Locale locale) {
        UUID client = client(clientId);
        Actor actor = Actor.of(me);
        policy.require(actor, Permission.GRANT_MANAGE, client);
        Map<String, String> problems = new LinkedHashMap<>();
        Optional<StaffId> person = ClientAccessIds.staffId(staffId);
        if (person.isEmpty()) {
            problems.put("grant.staff", "access.grant.staffUnknown");
        }
        ClientAccessPages.Until end = ClientAccessPages.until(until, zone);
        if (end.problem() != null) {
            problems.put("grant.until", end.problem());
        }
        if (problems.isEmpty()) {
            AccessResult<AccessGrant> result = grants.grant(actor, client, person.get(), end.instant(),
                    reason.isBlank() ? null : reason);
            if (result instanceof AccessResult.Done<AccessGrant>) {
                redirect.addFlashAttribute("done", "accessclient.done.granted");
                return "redirect:/admin/access/clients/" + client;
            }
            problems.putAll(prefixed("grant.", result));
        }
        response.setStatus(422);
        model.addAttribute("problems", problems);
        model.addAttribute("grantForm", Map.of("staffId", staffId.length() > 36 ? "" : staffId,
                "until", until.length() > 40 ? "" : until, "reason", reason.length() > 4000 ? "" : reason));
        return render(client, actor, model, locale);
    }

    /** Moves the end of one of this client's grants. */
    @PostMapping("/clients/{clientId}/grants/{grantId}/renew")
    String renew(@PathVariable String clientId, @PathVariable String grantId, @RequestParam(defaultValue = "") String until,
                 @AuthenticationPrincipal StaffPrincipal me, Model model, HttpServletResponse response,
                 RedirectAttributes redirect, Locale locale) {
        UUID client = client(clientId);
        Actor actor = Actor.of(me);
        policy.require(actor, Permission.GRANT_MANAGE, client);
        AccessGrant grant = ownGrant(actor, client, grantId);
        Map<String, String> problems = new LinkedHashMap<>();
        ClientAccessPages.Until end = ClientAccessPages.until(until, zone);
        if (grant.kind() != AccessGrant.Kind.GRANT) {
            problems.put("renew.until", "accessclient.grant.breakGlassNoRenew");
        } else if (end.problem() != null) {
            problems.put("renew.until", end.problem());
        } else {
            AccessResult<AccessGrant> result = grants.renew(actor, grant.id(), end.instant());
            if (result instanceof AccessResult.Done<AccessGrant>) {
                redirect.addFlashAttribute("done", "accessclient.done.renewed");
                return "redirect:/admin/access/clients/" + client;
            }
            prefixed("renew.", result).forEach((field, key) -> problems.put("renew.until", key));
        }
        response.setStatus(422);
        model.addAttribute("problems", problems);
        model.addAttribute("renewForm", Map.of("grantId", grant.id().toString(), "until", until.length() > 40 ? "" : until));
        return render(client, actor, model, locale);
    }

    /** Ends one of this client's grants (or a break-the-glass) now. */
    @PostMapping("/clients/{clientId}/grants/{grantId}/revoke")
    String revoke(@PathVariable String clientId, @PathVariable String grantId, @AuthenticationPrincipal StaffPrincipal me,
                  RedirectAttributes redirect) {
        UUID client = client(clientId);
        Actor actor = Actor.of(me);
        policy.require(actor, Permission.GRANT_MANAGE, client);
        AccessGrant grant = ownGrant(actor, client, grantId);
        AccessResult<AccessGrant> result = grants.revoke(actor, grant.id());
        redirect.addFlashAttribute(result instanceof AccessResult.Done<AccessGrant> ? "done" : "refused",
                result instanceof AccessResult.Done<AccessGrant> ? "accessclient.done.revoked" : "access.grant.unknown");
        return "redirect:/admin/access/clients/" + client;
    }

    /** A person's care teams and grants. */
    @GetMapping("/staff/{staffId}")
    String person(@PathVariable String staffId, @AuthenticationPrincipal StaffPrincipal me, Model model, Locale locale) {
        Actor actor = Actor.of(me);
        policy.require(actor, Permission.ACCESS_REVIEW);
        StaffId person = ClientAccessIds.staffId(staffId).orElseThrow(ClientAccessPagesController::nothingHere);
        List<StaffMember> everyone = staff.list();
        StaffMember member = everyone.stream().filter(m -> m.id().equals(person)).findFirst()
                .orElseThrow(ClientAccessPagesController::nothingHere);
        Map<StaffId, String> names = names(everyone);
        Instant now = clock.instant();
        model.addAttribute("person", new Choice(member.id().toString(), member.displayName(), roleLabel(member.role(), locale)));
        model.addAttribute("personStatus", member.status().name());
        model.addAttribute("teams", teams.teamsOf(actor, person).stream()
                .map(t -> new TeamRow(t.clientId().toString(), t.teamRole(), t.addedAt())).toList());
        model.addAttribute("grants", grants.forStaff(actor, person).stream().map(g -> row(g, names, now)).toList());
        return "access/staff";
    }

    private String render(UUID client, Actor actor, Model model, Locale locale) {
        Instant now = clock.instant();
        List<StaffMember> everyone = staff.list();
        Map<StaffId, String> names = names(everyone);
        Map<String, String> roleLabels = new HashMap<>();
        List<AccessPath> paths = explanations.whoCanAccess(actor, client);
        model.addAttribute("clientId", client.toString());
        model.addAttribute("paths", paths.stream()
                .map(p -> new PathRow(p.staff().toString(), p.displayName(),
                        roleLabels.computeIfAbsent(p.role().name(), k -> roleLabel(p.role(), locale)), p.basis().code(),
                        p.teamRole(), p.until(), sorted(p.permissions())))
                .toList());
        model.addAttribute("team", teams.members(actor, client).stream()
                .map(m -> new MemberRow(m.staff().toString(), names.getOrDefault(m.staff(), m.staff().toString()), m.teamRole(),
                        m.addedAt(), m.addedBy() == null ? null : names.getOrDefault(m.addedBy(), m.addedBy().toString())))
                .toList());
        model.addAttribute("grants", grants.forClient(actor, client).stream().map(g -> row(g, names, now)).toList());
        model.addAttribute("choices", everyone.stream()
                .filter(m -> m.status() == StaffStatus.ACTIVE || m.status() == StaffStatus.INVITED)
                .sorted(Comparator.comparing(StaffMember::displayName, String.CASE_INSENSITIVE_ORDER))
                .map(m -> new Choice(m.id().toString(), m.displayName(),
                        roleLabels.computeIfAbsent(m.role().name(), k -> roleLabel(m.role(), locale))))
                .toList());
        model.addAttribute("teamRoles", TeamRole.values());
        model.addAttribute("mayManageTeam", policy.decide(actor, Permission.CARE_TEAM_MANAGE, client).allowed());
        model.addAttribute("mayManageGrants", policy.decide(actor, Permission.GRANT_MANAGE, client).allowed());
        model.addAttribute("mayReadAudit", policy.decide(actor, Permission.AUDIT_READ).allowed());
        model.addAttribute("zone", zone.getId());
        if (!model.containsAttribute("problems")) {
            model.addAttribute("problems", Map.of());
        }
        if (!model.containsAttribute("teamForm")) {
            model.addAttribute("teamForm", Map.of("staffId", "", "teamRole", TeamRole.MEMBER.name()));
        }
        if (!model.containsAttribute("grantForm")) {
            model.addAttribute("grantForm", Map.of("staffId", "",
                    "until", ClientAccessPages.localInput(now.plus(Duration.ofDays(14)), zone), "reason", ""));
        }
        if (!model.containsAttribute("renewForm")) {
            model.addAttribute("renewForm", Map.of("grantId", "", "until", ""));
        }
        return "access/client";
    }

    /** The grant with this id among the client's own grants; another client's grant is not found here. */
    private AccessGrant ownGrant(Actor actor, UUID client, String grantId) {
        UUID id = ClientAccessIds.uuid(grantId).orElseThrow(ClientAccessPagesController::nothingHere);
        return grants.forClient(actor, client).stream().filter(g -> g.id().equals(id)).findFirst()
                .orElseThrow(ClientAccessPagesController::nothingHere);
    }

    private GrantRow row(AccessGrant g, Map<StaffId, String> names, Instant now) {
        Instant renewFrom = g.expiresAt().isAfter(now) ? g.expiresAt() : now;
        return new GrantRow(g.id().toString(), g.clientId().toString(), g.staff().toString(),
                names.getOrDefault(g.staff(), g.staff().toString()), g.kind(), ClientAccessPages.status(g, now),
                g.startsAt(), g.expiresAt(), g.createdBy() == null ? null : names.getOrDefault(g.createdBy(), g.createdBy().toString()),
                g.revokedAt(), g.revokedBy() == null ? null : names.getOrDefault(g.revokedBy(), g.revokedBy().toString()),
                g.reason(), g.review(), ClientAccessPages.localInput(renewFrom.plus(Duration.ofDays(14)), zone));
    }

    private String roleLabel(StaffRole role, Locale locale) {
        Optional<RoleDefinition> definition = policy.role(role.name());
        if (definition.isPresent() && definition.get().label() != null) {
            return definition.get().label();
        }
        return messages.getMessage("role." + role.name(), null, role.name(), locale);
    }

    private static Map<StaffId, String> names(List<StaffMember> everyone) {
        Map<StaffId, String> names = new HashMap<>();
        for (StaffMember m : everyone) {
            names.put(m.id(), m.displayName());
        }
        return names;
    }

    private static List<Permission> sorted(Set<Permission> permissions) {
        return (permissions.isEmpty() ? EnumSet.noneOf(Permission.class) : EnumSet.copyOf(permissions)).stream().toList();
    }

    private static Map<String, String> prefixed(String prefix, AccessResult<?> result) {
        Map<String, String> problems = new LinkedHashMap<>();
        if (result instanceof AccessResult.Rejected<?> rejected) {
            // "client" (no such client) concerns the whole form, not one field.
            rejected.problems().forEach((field, key) -> problems.put(prefix + ("client".equals(field) ? "form" : field), key));
        } else {
            problems.put(prefix + "form", "accessclient.conflict");
        }
        return problems;
    }

    private static Optional<TeamRole> teamRole(String text) {
        for (TeamRole role : TeamRole.values()) {
            if (role.name().equals(text)) {
                return Optional.of(role);
            }
        }
        return Optional.empty();
    }

    private static UUID client(String clientId) {
        return ClientAccessIds.uuid(clientId).orElseThrow(ClientAccessPagesController::nothingHere);
    }

    private static ResponseStatusException nothingHere() {
        return new ResponseStatusException(HttpStatus.NOT_FOUND);
    }
}
