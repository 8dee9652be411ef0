package org.strongroom.documents.web;

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
import org.strongroom.documents.DocumentFolder;
import org.strongroom.documents.DocumentFolders;
import org.strongroom.documents.DocumentResult;
import org.strongroom.identity.StaffPrincipal;

/**
 * The organisation's document folders ({@code /admin/documents/folders}): every folder with its
 * label, order, default sensitivity and whether it takes new documents; editable for whoever holds
 * {@code settings.manage}, read-only for {@code compliance.read}. Adding and changing go through
 * {@link DocumentFolders#save}, which asks the policy again. Bad input answers 422 with the
 * messages at the fields; a stale edit 409; nothing is saved in either case.
 */
@Controller
class DocumentFolderAdminController {

    static final String PATH = "/admin/documents/folders";
    static final String NEW = "__new";

    private final DocumentFolders folders;
    private final AccessPolicy policy;

    DocumentFolderAdminController(DocumentFolders folders, AccessPolicy policy) {
        this.folders = folders;
        this.policy = policy;
    }

    @GetMapping(PATH)
    String list(@AuthenticationPrincipal StaffPrincipal me, Model model) {
        Actor actor = Actor.of(me);
        boolean editable = policy.decide(actor, Permission.SETTINGS_MANAGE).allowed();
        if (!editable) {
            policy.require(actor, Permission.COMPLIANCE_READ);
        }
        return page(model, editable, null, null, Map.of());
    }

    @PostMapping(PATH)
    String add(@RequestParam Map<String, String> body, @AuthenticationPrincipal StaffPrincipal me, Model model,
               HttpServletResponse response, RedirectAttributes redirect) {
        Actor actor = Actor.of(me);
        policy.require(actor, Permission.SETTINGS_MANAGE);
        FolderForm form = FolderForm.read(body, body.getOrDefault("key", "").strip(), null);
        return save(actor, form, true, model, response, redirect);
    }

    @PostMapping(PATH + "/{key}")
    String change(@PathVariable String key, @RequestParam Map<String, String> body, @AuthenticationPrincipal StaffPrincipal me,
                  Model model, HttpServletResponse response, RedirectAttributes redirect) {
        Actor actor = Actor.of(me);
        policy.require(actor, Permission.SETTINGS_MANAGE);
        DocumentFolder existing = folders.all().stream().filter(f -> f.key().equals(key)).findFirst()
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
        FolderForm form = FolderForm.read(body, existing.key(), body.getOrDefault("version", ""));
        return save(actor, form, false, model, response, redirect);
    }

    private String save(Actor actor, FolderForm form, boolean adding, Model model, HttpServletResponse response,
                        RedirectAttributes redirect) {
        Map<String, String> problems = new LinkedHashMap<>(form.problems());
        boolean stale = false;
        if (problems.isEmpty()) {
            DocumentResult<DocumentFolder> result = folders.save(actor, form.key(), form.label().strip(), form.positionNumber(),
                    Sensitivity.valueOf(form.sensitivity()), form.active(), adding ? null : Long.valueOf(form.version()));
            if (result instanceof DocumentResult.Done<DocumentFolder> done) {
                redirect.addFlashAttribute("saved", done.value().label());
                return "redirect:" + PATH;
            }
            if (result instanceof DocumentResult.Rejected<DocumentFolder> rejected && !rejected.problems().containsKey("version")) {
                rejected.problems().forEach((field, key) -> problems.put("defaultSensitivity".equals(field) ? "sensitivity" : field, key));
            } else {
                stale = true;
            }
        }
        if (problems.isEmpty() && !stale) {
            problems.put("form", "documentpages.notSaved");
        }
        response.setStatus(stale ? HttpStatus.CONFLICT.value() : HttpStatus.UNPROCESSABLE_CONTENT.value());
        return page(model, true, adding ? NEW : form.key(), form, stale ? Map.of("version", "documentpages.folders.stale") : problems);
    }

    private String page(Model model, boolean editable, @Nullable String failedKey, @Nullable FolderForm failed, Map<String, String> problems) {
        List<DocumentFolder> all = folders.all();
        Map<String, FolderForm> forms = new LinkedHashMap<>();
        for (DocumentFolder f : all) {
            forms.put(f.key(), f.key().equals(failedKey) && failed != null ? failed : FolderForm.of(f));
        }
        int next = all.stream().mapToInt(DocumentFolder::position).max().orElse(0) + 1;
        model.addAttribute("folders", all);
        model.addAttribute("forms", forms);
        model.addAttribute("newForm", NEW.equals(failedKey) && failed != null ? failed
                : new FolderForm("", "", Integer.toString(next), Sensitivity.NORMAL.name(), true, "", Map.of()));
        model.addAttribute("failedKey", failedKey);
        model.addAttribute("problems", problems);
        model.addAttribute("editable", editable);
        model.addAttribute("sensitivities", Sensitivity.values());
        return "documents/folders";
    }

    /** A folder as typed. */
    record FolderForm(String key, String label, String position, String sensitivity, boolean active, String version,
                      Map<String, String> problems) {

        static FolderForm of(DocumentFolder f) {
            return new FolderForm(f.key(), f.label(), Integer.toString(f.position()), f.defaultSensitivity().name(), f.active(),
                    Long.toString(f.version()), Map.of());
        }

        static FolderForm read(Map<String, String> body, String key, @Nullable String version) {
            Map<String, String> problems = new LinkedHashMap<>();
            String position = body.getOrDefault("position", "").strip();
            if (!position.matches("\\d{1,4}")) {
                problems.put("position", "documentpages.folders.position.invalid");
            }
            String sensitivity = body.getOrDefault("sensitivity", "");
            if (DocumentPagesFormat.parseSensitivity(sensitivity) == null) {
                problems.put("sensitivity", "documentpages.choose");
            }
            if (version != null && !version.matches("\\d{1,18}")) {
                problems.put("version", "documentpages.folders.stale");
            }
            String label = body.getOrDefault("label", "");
            return new FolderForm(key, label.length() > 200 ? label.substring(0, 200) : label, position, sensitivity,
                    body.containsKey("active"), Optional.ofNullable(version).orElse(""), problems);
        }

        int positionNumber() {
            return Integer.parseInt(position);
        }
    }
}
