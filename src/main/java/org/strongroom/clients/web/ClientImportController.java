package org.strongroom.clients.web;

import java.io.IOException;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.context.MessageSource;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.strongroom.access.AccessPolicy;
import org.strongroom.access.Actor;
import org.strongroom.access.Permission;
import org.strongroom.clients.ClientImports;
import org.strongroom.clients.ClientStatus;
import org.strongroom.clients.ImportEncoding;
import org.strongroom.clients.ImportFormat;
import org.strongroom.clients.ImportMode;
import org.strongroom.clients.ImportOptions;
import org.strongroom.clients.ImportPreview;
import org.strongroom.clients.ImportProgress;
import org.strongroom.clients.ImportReport;
import org.strongroom.clients.ImportUndo;
import org.strongroom.clients.ImportUpload;
import org.strongroom.identity.StaffPrincipal;

/**
 * The import pages: upload → columns and preview → run with progress → report (with undo). The
 * file is sent by client-import.js as the raw request body (not multipart, which the servlet
 * container may spill to a temporary file) and read into memory up to the size limit; the parsed
 * file then lives in the server's memory only ({@link ClientImports}). Every step needs
 * {@code client.import}: the security chain asks, and so does the service.
 */
@Controller
class ClientImportController {

    static final int MAX_BYTES = 50 * 1024 * 1024;

    private final ClientImports imports;
    private final AccessPolicy policy;
    private final MessageSource messages;

    ClientImportController(ClientImports imports, AccessPolicy policy, MessageSource messages) {
        this.imports = imports;
        this.policy = policy;
        this.messages = messages;
    }

    @GetMapping("/clients/import")
    String start(@AuthenticationPrincipal StaffPrincipal me, Model model) {
        Actor actor = Actor.of(me);
        model.addAttribute("recent", imports.recent(actor, 20));
        return "clients/import/upload";
    }

    /** Answer of an upload: where to go next, or why the file was refused (text for the page). */
    record UploadAnswer(String location, String error) {
    }

    @PostMapping(path = "/clients/import/upload", produces = MediaType.APPLICATION_JSON_VALUE)
    @ResponseBody
    ResponseEntity<UploadAnswer> upload(@RequestParam(defaultValue = "auto") String format,
                                        @RequestParam(defaultValue = "auto") String encoding,
                                        @AuthenticationPrincipal StaffPrincipal me, HttpServletRequest request, Locale locale)
            throws IOException {
        Actor actor = Actor.of(me);
        policy.require(actor, Permission.CLIENT_IMPORT);
        if (request.getContentLengthLong() > MAX_BYTES) {
            return refused("clientimport.error.tooLarge", 0, locale);
        }
        byte[] content;
        try (InputStream in = request.getInputStream()) {
            content = in.readNBytes(MAX_BYTES + 1);
        }
        if (content.length > MAX_BYTES) {
            return refused("clientimport.error.tooLarge", 0, locale);
        }
        ImportFormat chosen = ImportFormat.fromCode(format).orElse(ImportFormat.AUTO);
        ImportEncoding charset = "windows-1251".equalsIgnoreCase(encoding) ? ImportEncoding.WINDOWS_1251 : ImportEncoding.AUTO;
        ImportUpload result = imports.stage(actor, content, chosen, charset);
        java.util.Arrays.fill(content, (byte) 0);
        if (result instanceof ImportUpload.Refused refused) {
            return refused(refused.messageKey(), refused.line(), locale);
        }
        ImportPreview preview = ((ImportUpload.Staged) result).preview();
        return ResponseEntity.ok(new UploadAnswer("/clients/import/staged/" + preview.token(), null));
    }

    private ResponseEntity<UploadAnswer> refused(String key, int line, Locale locale) {
        return ResponseEntity.unprocessableContent().body(new UploadAnswer(null, messages.getMessage(key, new Object[] {line}, key, locale)));
    }

    @GetMapping("/clients/import/staged/{token}")
    String mapping(@PathVariable String token, @AuthenticationPrincipal StaffPrincipal me, Model model) {
        ImportPreview preview = imports.preview(Actor.of(me), token, null).orElseThrow(ClientImportController::expired);
        return showMapping(preview, ImportMode.ALL_OR_NOTHING, true, ClientStatus.ACTIVE, model);
    }

    @PostMapping("/clients/import/staged/{token}")
    String mapOrStart(@PathVariable String token, @RequestParam Map<String, String> form, @AuthenticationPrincipal StaffPrincipal me,
                      Model model) {
        Actor actor = Actor.of(me);
        Map<Integer, String> mapping = new LinkedHashMap<>();
        form.forEach((name, value) -> {
            if (name.startsWith("column") && !value.isBlank() && name.length() < 12) {
                try {
                    mapping.put(Integer.parseInt(name.substring(6)), value);
                } catch (NumberFormatException ignored) {
                    // not a column of the form
                }
            }
        });
        ImportMode mode = "SKIP_BAD_ROWS".equals(form.get("mode")) ? ImportMode.SKIP_BAD_ROWS : ImportMode.ALL_OR_NOTHING;
        boolean skipDuplicates = form.containsKey("skipDuplicates");
        ClientStatus status = switch (form.getOrDefault("status", "ACTIVE")) {
            case "PROSPECT" -> ClientStatus.PROSPECT;
            case "INACTIVE" -> ClientStatus.INACTIVE;
            default -> ClientStatus.ACTIVE;
        };
        if ("start".equals(form.get("action"))) {
            UUID id = imports.start(actor, token, new ImportOptions(mapping, mode, skipDuplicates, status))
                    .orElseThrow(ClientImportController::expired);
            return "redirect:/clients/import/" + id;
        }
        ImportPreview preview = imports.preview(actor, token, mapping).orElseThrow(ClientImportController::expired);
        return showMapping(preview, mode, skipDuplicates, status, model);
    }

    private String showMapping(ImportPreview preview, ImportMode mode, boolean skipDuplicates, ClientStatus status, Model model) {
        model.addAttribute("preview", preview);
        model.addAttribute("mode", mode.name());
        model.addAttribute("skipDuplicates", skipDuplicates);
        model.addAttribute("status", status.name());
        model.addAttribute("statuses", java.util.List.of("ACTIVE", "PROSPECT", "INACTIVE"));
        return "clients/import/mapping";
    }

    @GetMapping("/clients/import/{id}")
    String report(@PathVariable String id, @AuthenticationPrincipal StaffPrincipal me, Model model) {
        Actor actor = Actor.of(me);
        UUID importId = parse(id);
        ImportReport report = imports.report(actor, importId).orElseThrow(ClientImportController::notFound);
        model.addAttribute("report", report);
        model.addAttribute("progress", imports.progress(actor, importId).orElse(null));
        return "clients/import/report";
    }

    @GetMapping(path = "/clients/import/{id}/progress", produces = MediaType.APPLICATION_JSON_VALUE)
    @ResponseBody
    ImportProgress progress(@PathVariable String id, @AuthenticationPrincipal StaffPrincipal me, HttpServletResponse response) {
        response.setHeader("Cache-Control", "no-store");
        return imports.progress(Actor.of(me), parse(id)).orElseThrow(ClientImportController::notFound);
    }

    @PostMapping("/clients/import/{id}/undo")
    String undo(@PathVariable String id, @AuthenticationPrincipal StaffPrincipal me, RedirectAttributes redirect) {
        UUID importId = parse(id);
        ImportUndo result = imports.undo(Actor.of(me), importId);
        if (result instanceof ImportUndo.Refused refused && refused.messageKey().equals("clientimport.undo.unknown")) {
            throw notFound();
        }
        if (result instanceof ImportUndo.Done done) {
            redirect.addFlashAttribute("undone", new int[] {done.removed(), done.kept()});
        } else {
            redirect.addFlashAttribute("refused", ((ImportUndo.Refused) result).messageKey());
        }
        return "redirect:/clients/import/" + importId;
    }

    private static UUID parse(String id) {
        try {
            return UUID.fromString(Optional.ofNullable(id).orElse(""));
        } catch (IllegalArgumentException e) {
            throw notFound();
        }
    }

    private static ResponseStatusException notFound() {
        return new ResponseStatusException(HttpStatus.NOT_FOUND);
    }

    private static ResponseStatusException expired() {
        return new ResponseStatusException(HttpStatus.NOT_FOUND, "clientimport.error.expired");
    }
}
