package org.strongroom.clients.web;

import java.time.Period;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.servlet.http.HttpServletResponse;

import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.strongroom.access.AccessPolicy;
import org.strongroom.access.Actor;
import org.strongroom.access.Permission;
import org.strongroom.access.Sensitivity;
import org.strongroom.clients.ClientResult;
import org.strongroom.clients.FieldCatalogue;
import org.strongroom.clients.FieldCategory;
import org.strongroom.clients.FieldChange;
import org.strongroom.clients.FieldDefinition;
import org.strongroom.clients.FieldType;
import org.strongroom.clients.SearchMode;
import org.strongroom.identity.StaffPrincipal;

/**
 * The field catalogue's pages: {@code /admin/catalogue} lists every field (editable for whoever
 * holds {@code settings.manage}, read-only for {@code compliance.read}); {@code /admin/catalogue/new}
 * adds a custom field and {@code /admin/catalogue/{key}} changes one, both through
 * {@link FieldCatalogue#save}, which asks the policy again. Bad input is answered with 422 and the
 * form again (an error summary first, each problem at its field); a stale edit with 409 and a
 * message; nothing is saved in either case.
 */
@Controller
class CatalogueController {

    static final String PATH = "/admin/catalogue";

    private final FieldCatalogue catalogue;
    private final AccessPolicy policy;

    CatalogueController(FieldCatalogue catalogue, AccessPolicy policy) {
        this.catalogue = catalogue;
        this.policy = policy;
    }

    @GetMapping(PATH)
    String list(@AuthenticationPrincipal StaffPrincipal me, Model model) {
        Actor actor = Actor.of(me);
        boolean editable = policy.decide(actor, Permission.SETTINGS_MANAGE).allowed();
        if (!editable) {
            policy.require(actor, Permission.COMPLIANCE_READ);
        }
        List<FieldDefinition> fields = catalogue.all();
        model.addAttribute("fields", fields);
        model.addAttribute("editable", editable);
        model.addAttribute("enabledCount", fields.stream().filter(FieldDefinition::enabled).count());
        model.addAttribute("mayInventory", policy.decide(actor, Permission.COMPLIANCE_READ).allowed() || editable);
        return "clients/catalogue/list";
    }

    @GetMapping(PATH + "/new")
    String newField(@AuthenticationPrincipal StaffPrincipal me, Model model) {
        policy.require(Actor.of(me), Permission.SETTINGS_MANAGE);
        return form(model, Form.blank(), null);
    }

    @PostMapping(PATH + "/new")
    String create(@RequestParam MultiValueMap<String, String> body, @AuthenticationPrincipal StaffPrincipal me, Model model,
                  HttpServletResponse response, RedirectAttributes redirect) {
        Actor actor = Actor.of(me);
        policy.require(actor, Permission.SETTINGS_MANAGE);
        Form form = Form.read(body, null);
        return save(actor, form, null, model, response, redirect);
    }

    @GetMapping(PATH + "/{key}")
    String edit(@PathVariable String key, @AuthenticationPrincipal StaffPrincipal me, Model model) {
        policy.require(Actor.of(me), Permission.SETTINGS_MANAGE);
        FieldDefinition field = field(key);
        return form(model, Form.of(field), field);
    }

    @PostMapping(PATH + "/{key}")
    String update(@PathVariable String key, @RequestParam MultiValueMap<String, String> body,
                  @AuthenticationPrincipal StaffPrincipal me, Model model, HttpServletResponse response,
                  RedirectAttributes redirect) {
        Actor actor = Actor.of(me);
        policy.require(actor, Permission.SETTINGS_MANAGE);
        FieldDefinition field = field(key);
        Form form = Form.read(body, field);
        return save(actor, form, field, model, response, redirect);
    }

    private String save(Actor actor, Form form, @Nullable FieldDefinition existing, Model model, HttpServletResponse response,
                        RedirectAttributes redirect) {
        Map<String, String> problems = new LinkedHashMap<>(form.problems());
        if (problems.isEmpty()) {
            ClientResult<FieldDefinition> result = catalogue.save(actor, form.change());
            if (result instanceof ClientResult.Done<FieldDefinition> done) {
                redirect.addFlashAttribute("saved", done.value().key());
                redirect.addFlashAttribute("savedLabel", done.value().label());
                redirect.addFlashAttribute("savedBuiltIn", done.value().builtIn());
                return "redirect:" + PATH;
            }
            if (result instanceof ClientResult.Rejected<FieldDefinition> rejected) {
                problems.putAll(rejected.problems());
            }
        }
        if ("clients.catalogue.unknown".equals(problems.get("key")) && existing != null) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND);
        }
        boolean stale = problems.containsKey("version");
        response.setStatus(stale ? HttpStatus.CONFLICT.value() : HttpStatus.UNPROCESSABLE_CONTENT.value());
        if (stale) {
            // The person's input stays on the form; the field as it now is is shown beside it.
            model.addAttribute("current", existing == null ? null : catalogue.find(existing.key()).orElse(null));
        }
        return form(model, form.withProblems(problems), existing);
    }

    private FieldDefinition field(String key) {
        if (!FieldDefinition.KEY.matcher(key).matches()) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND);
        }
        return catalogue.find(key).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
    }

    private String form(Model model, Form form, @Nullable FieldDefinition field) {
        model.addAttribute("form", form);
        model.addAttribute("field", field);
        model.addAttribute("types", FieldType.values());
        model.addAttribute("searchModes", SearchMode.values());
        model.addAttribute("sensitivities", Sensitivity.values());
        model.addAttribute("categories", FieldCategory.values());
        model.addAttribute("errorOrder", ERROR_ORDER);
        return "clients/catalogue/form";
    }

    /** The problems in the order of the form, each with the id of its input (for the error summary's links). */
    static final Map<String, String> ERROR_ORDER = orderedErrors();

    private static Map<String, String> orderedErrors() {
        Map<String, String> order = new LinkedHashMap<>();
        order.put("key", "field-key");
        order.put("label", "field-label");
        order.put("type", "field-type");
        order.put("searchMode", "field-search");
        order.put("choices", "field-choices");
        order.put("sensitivity", "field-sensitivity");
        order.put("category", "field-category");
        order.put("purpose", "field-purpose");
        order.put("retention", "field-retention");
        order.put("enabled", "field-enabled");
        return order;
    }

    /** The catalogue form as typed: strings, so bad input comes back as it was entered. */
    record Form(String key, String label, String type, String searchMode, String choices, String sensitivity, String category,
                String purpose, String retentionAmount, String retentionUnit, boolean required, boolean enabled, String version,
                Map<String, String> problems) {

        static Form blank() {
            return new Form("", "", FieldType.TEXT.name(), SearchMode.NONE.name(), "", Sensitivity.NORMAL.name(),
                    FieldCategory.OTHER.name(), "", "", "Y", false, false, "", Map.of());
        }

        static Form of(FieldDefinition f) {
            Period retention = f.retention();
            String amount = "";
            String unit = "Y";
            if (retention != null) {
                if (retention.getMonths() == 0 && retention.getDays() == 0) {
                    amount = Integer.toString(retention.getYears());
                } else if (retention.getDays() == 0) {
                    amount = Long.toString(retention.toTotalMonths());
                    unit = "M";
                } else {
                    amount = retention.toString();
                    unit = "ISO";
                }
            }
            return new Form(f.key(), f.label() == null ? "" : f.label(), f.type().name(), f.searchMode().name(),
                    String.join("\n", f.choices()), f.sensitivity().name(), f.category().name(), f.purpose() == null ? "" : f.purpose(),
                    amount, unit, f.required(), f.enabled(), Long.toString(f.version()), Map.of());
        }

        /** Reads a posted form; for an existing field, what cannot change (key, and type and search) is taken from it. */
        static Form read(MultiValueMap<String, String> body, @Nullable FieldDefinition existing) {
            Map<String, String> problems = new LinkedHashMap<>();
            String type = existing != null ? existing.type().name() : one(body, "type");
            String search = existing != null ? existing.searchMode().name() : one(body, "searchMode");
            String sensitivity = one(body, "sensitivity");
            String category = one(body, "category");
            if (parse(FieldType.class, type) == null) {
                problems.put("type", "clientinventory.catalogue.choose");
            }
            if (parse(SearchMode.class, search) == null) {
                problems.put("searchMode", "clientinventory.catalogue.choose");
            }
            if (parse(Sensitivity.class, sensitivity) == null) {
                problems.put("sensitivity", "clientinventory.catalogue.choose");
            }
            if (parse(FieldCategory.class, category) == null) {
                problems.put("category", "clientinventory.catalogue.choose");
            }
            String version = existing != null ? one(body, "version") : "";
            if (existing != null && !version.matches("\\d{1,18}")) {
                problems.put("version", "clients.catalogue.stale");
            }
            String unit = one(body, "retentionUnit");
            if (!List.of("Y", "M", "ISO").contains(unit)) {
                unit = "Y";
            }
            return new Form(existing != null ? existing.key() : one(body, "key").strip(), one(body, "label"), type, search,
                    one(body, "choices"), sensitivity, category, one(body, "purpose"), one(body, "retentionAmount").strip(), unit,
                    body.containsKey("required"), body.containsKey("enabled"), version, problems);
        }

        Form withProblems(Map<String, String> more) {
            Map<String, String> all = new LinkedHashMap<>(problems);
            more.forEach(all::putIfAbsent);
            return new Form(key, label, type, searchMode, choices, sensitivity, category, purpose, retentionAmount, retentionUnit,
                    required, enabled, version, all);
        }

        /** The ISO-8601 period typed: {@code P7Y}, {@code P6M}; something FieldCatalogue refuses when the amount is not a whole number. */
        String retention() {
            if (retentionAmount.isEmpty()) {
                return "";
            }
            if ("ISO".equals(retentionUnit)) {
                return retentionAmount;
            }
            return retentionAmount.matches("\\d{1,4}") ? "P" + retentionAmount + retentionUnit : "not-a-period";
        }

        FieldChange change() {
            List<String> choiceList = Arrays.stream(choices.split("\\R")).toList();
            return new FieldChange(key, label.isBlank() ? null : label, parse(FieldType.class, type), parse(Sensitivity.class, sensitivity),
                    parse(FieldCategory.class, category), purpose, required, parse(SearchMode.class, searchMode), retention(), enabled,
                    choiceList, version.isEmpty() ? null : Long.valueOf(version));
        }

        boolean has(String field) {
            return problems.containsKey(field);
        }

        private static String one(MultiValueMap<String, String> body, String name) {
            return Optional.ofNullable(body.getFirst(name)).orElse("");
        }

        private static <E extends Enum<E>> @Nullable E parse(Class<E> type, String name) {
            try {
                return Enum.valueOf(type, name);
            } catch (IllegalArgumentException e) {
                return null;
            }
        }
    }
}
