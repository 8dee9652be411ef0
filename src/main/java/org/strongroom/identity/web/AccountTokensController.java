package org.strongroom.identity.web;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import org.strongroom.identity.ApiScope;
import org.strongroom.identity.ApiTokenCreation;
import org.strongroom.identity.ApiTokenId;
import org.strongroom.identity.ApiTokenRequest;
import org.strongroom.identity.ApiTokenRevocation;
import org.strongroom.identity.ApiTokenSummary;
import org.strongroom.identity.ApiTokens;
import org.strongroom.identity.StaffPrincipal;
import org.strongroom.identity.internal.SignIns;

/**
 * {@code /account/tokens}: a person's own personal access tokens — list, create, revoke. Creating
 * one is a sensitive operation: it needs a recent second factor (step-up). The new secret is
 * rendered once, in the response to the creating POST (no redirect, so it is never put in the
 * session), and never again.
 */
@Controller
@RequestMapping("/account/tokens")
class AccountTokensController {

    static final List<Integer> EXPIRY_DAYS = List.of(7, 30, 90, 365);
    static final int DEFAULT_EXPIRY_DAYS = 30;
    static final String STEP_UP = "redirect:/mfa/challenge?stepUp&continue=/account/tokens";

    /** One row of the table. */
    record Row(String id, String label, List<String> scopes, Instant createdAt, Instant expiresAt,
               @Nullable Instant lastUsedAt, @Nullable Instant revokedAt, String status) {
    }

    /** What the form shows again after a refusal. */
    record Form(String label, Set<String> scopes, int expiresInDays) {
    }

    private final ApiTokens tokens;
    private final SignIns signIns;
    private final Clock clock;

    AccountTokensController(ApiTokens tokens, SignIns signIns, Clock clock) {
        this.tokens = tokens;
        this.signIns = signIns;
        this.clock = clock;
    }

    @GetMapping
    String page(Model model, HttpServletRequest request) {
        show(model, request, new Form("", Set.of(), DEFAULT_EXPIRY_DAYS), Map.of());
        return "identity/tokens";
    }

    @PostMapping
    String create(@RequestParam(name = "label", defaultValue = "") String label,
                  @RequestParam(name = "scopes", required = false) @Nullable List<String> scopeValues,
                  @RequestParam(name = "expiresInDays", defaultValue = "") String expiresInDays,
                  Model model, HttpServletRequest request, HttpServletResponse response) {
        if (!signIns.isFresh(request.getSession(false))) {
            return STEP_UP;
        }
        Map<String, String> problems = new LinkedHashMap<>();
        Set<ApiScope> scopes = EnumSet.noneOf(ApiScope.class);
        for (String value : scopeValues == null ? List.<String>of() : scopeValues) {
            Optional<ApiScope> scope = ApiScope.fromValue(value);
            if (scope.isPresent()) {
                scopes.add(scope.get());
            } else {
                problems.put("scopes", "tokens.problem.scopeUnknown");
            }
        }
        Integer days = EXPIRY_DAYS.stream().filter(d -> d.toString().equals(expiresInDays)).findFirst().orElse(null);
        if (days == null) {
            problems.put("expiresAt", "tokens.problem.expiryChoice");
        }
        Form form = new Form(label.length() > 200 ? "" : label,
                scopes.stream().map(ApiScope::value).collect(Collectors.toSet()),
                days == null ? DEFAULT_EXPIRY_DAYS : days);
        if (problems.isEmpty()) {
            Instant expiresAt = clock.instant().plus(Duration.ofDays(days));
            ApiTokenCreation result = tokens.create(me().id(), new ApiTokenRequest(label, scopes, expiresAt));
            if (result instanceof ApiTokenCreation.Created created) {
                model.addAttribute("created", created.token());
                model.addAttribute("createdScopes", created.token().scopes().stream().map(ApiScope::value).sorted().toList());
                show(model, request, new Form("", Set.of(), DEFAULT_EXPIRY_DAYS), Map.of());
                return "identity/tokens";
            }
            problems.putAll(((ApiTokenCreation.Rejected) result).problems());
        }
        response.setStatus(422);
        show(model, request, form, problems);
        return "identity/tokens";
    }

    @PostMapping("/{id}/revoke")
    String revoke(@PathVariable("id") String id) {
        ApiTokenId tokenId;
        try {
            tokenId = ApiTokenId.parse(id);
        } catch (IllegalArgumentException e) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND);
        }
        if (tokens.revokeOwn(me().id(), tokenId) == ApiTokenRevocation.NOT_FOUND) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND);
        }
        return "redirect:/account/tokens?revoked";
    }

    private void show(Model model, HttpServletRequest request, Form form, Map<String, String> problems) {
        Instant now = clock.instant();
        List<ApiTokenSummary> own = tokens.listOf(me().id());
        model.addAttribute("tokens", own.stream().map(t -> new Row(t.id().toString(), t.label(),
                t.scopes().stream().map(ApiScope::value).sorted().toList(), t.createdAt(), t.expiresAt(),
                t.lastUsedAt(), t.revokedAt(), t.status(now).name())).toList());
        model.addAttribute("allScopes", List.of(ApiScope.values()));
        model.addAttribute("expiryDays", EXPIRY_DAYS);
        model.addAttribute("form", form);
        model.addAttribute("problems", problems);
        model.addAttribute("fresh", signIns.isFresh(request.getSession(false)));
    }

    private static StaffPrincipal me() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication != null && authentication.getPrincipal() instanceof StaffPrincipal staff) {
            return staff;
        }
        throw new IllegalStateException("the pages chain lets only signed-in staff reach this page");
    }
}
