package org.strongroom.audit.web;

import java.time.format.DateTimeFormatter;
import java.util.Locale;

import org.jspecify.annotations.Nullable;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.strongroom.audit.VerificationResult;

/**
 * Verifying the whole trail from the browser: start (or join) a run, watch its progress (htmx
 * polls a fragment once a second; no script of our own), read the verdict and what to do next.
 */
@Controller
class VerifyController {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss", Locale.ROOT);

    private final AuditReaders readers;
    private final VerificationRuns runs;
    private final TrailRows present;

    VerifyController(AuditReaders readers, VerificationRuns runs, TrailRows present) {
        this.readers = readers;
        this.runs = runs;
        this.present = present;
    }

    @GetMapping("/audit/verify")
    String page(Authentication who, Model model) {
        readers.require(who);
        model.addAttribute("run", view(runs.latest(who)));
        return "audit/verify";
    }

    @PostMapping("/audit/verify")
    String start(Authentication who) {
        runs.start(who);
        return "redirect:/audit/verify";
    }

    /** The status box alone, for htmx polling while a run goes (and for the page's first render). */
    @GetMapping("/audit/verify/progress")
    String progress(Authentication who, Model model) {
        readers.require(who);
        model.addAttribute("run", view(runs.latest(who)));
        return "audit/fragments :: verifyStatus";
    }

    /**
     * A run as the page shows it.
     *
     * @param state   {@code none}, {@code running}, {@code intact}, {@code broken} or {@code failed}
     * @param percent whole percent checked, 0 to 100
     * @param kind    the kind of break as a bundle key suffix ({@code ALTERED}, …)
     */
    record RunView(String state, long checked, long total, int percent, @Nullable String startedAt,
                   @Nullable String finishedAt, @Nullable String startedBy, long entries, long checkpoints,
                   long brokenAt, @Nullable String kind, @Nullable String detail) {
    }

    private @Nullable RunView view(VerificationRuns.@Nullable Run run) {
        if (run == null) {
            return null;
        }
        long checked = Math.min(run.checked(), run.total());
        int percent = (int) Math.min(100, checked * 100 / run.total());
        String started = TIME.withZone(present.zone()).format(run.startedAt());
        String finished = run.finishedAt() == null ? null : TIME.withZone(present.zone()).format(run.finishedAt());
        String by = present.staffName(run.startedBy()).orElse(null);
        VerificationResult result = run.result();
        if (run.running()) {
            return new RunView("running", checked, run.total(), percent, started, null, by, 0, 0, 0, null, null);
        }
        if (result instanceof VerificationResult.Intact intact) {
            return new RunView("intact", intact.entries(), Math.max(1, intact.entries()), 100, started, finished, by,
                    intact.entries(), intact.checkpoints(), 0, null, null);
        }
        if (result instanceof VerificationResult.Broken broken) {
            return new RunView("broken", checked, run.total(), percent, started, finished, by, 0, 0, broken.seq(),
                    broken.kind().name(), broken.detail());
        }
        return new RunView("failed", checked, run.total(), percent, started, finished, by, 0, 0, 0, null, null);
    }
}
