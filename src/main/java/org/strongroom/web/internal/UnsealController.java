package org.strongroom.web.internal;

import java.time.Duration;
import java.util.Arrays;

import jakarta.servlet.http.HttpServletResponse;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.strongroom.crypto.UnsealResult;
import org.strongroom.crypto.UnsealResult.Reason;
import org.strongroom.crypto.UnsealResult.Refused;
import org.strongroom.crypto.UnsealResult.SharesAccepted;
import org.strongroom.crypto.Unsealing;

/**
 * The unseal page: a key custodian gives the passphrase, or custodians give their shares one at a
 * time. Public (the server has no users to sign in while sealed), protected by CSRF and by the
 * throttling of {@link Unsealing}. Statuses let scripts tell outcomes apart: 302 to
 * {@code ?unsealed} on success, 200 with progress for an accepted share, 422 for a refusal at the
 * field, 429 with {@code Retry-After} while throttled.
 */
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@Controller
class UnsealController {

    static final int MAX_FIELD_LENGTH = 1024;

    private final Unsealing unsealing;

    UnsealController(Unsealing unsealing) {
        this.unsealing = unsealing;
    }

    @GetMapping("/unseal")
    String page(Model model) {
        return show(model);
    }

    @PostMapping(path = "/unseal", params = "passphrase")
    String withPassphrase(@RequestParam("passphrase") String passphrase, Model model, HttpServletResponse response) {
        if (passphrase.isEmpty() || passphrase.length() > MAX_FIELD_LENGTH) {
            return refuse(new Refused(Reason.MALFORMED_PASSPHRASE, Duration.ZERO), "passphrase", model, response);
        }
        char[] chars = passphrase.toCharArray();
        try {
            return answer(unsealing.unseal(chars), "passphrase", model, response);
        } finally {
            Arrays.fill(chars, '\0');
        }
    }

    @PostMapping(path = "/unseal", params = "share")
    String withShare(@RequestParam("share") String share, Model model, HttpServletResponse response) {
        if (share.length() > MAX_FIELD_LENGTH) {
            return refuse(new Refused(Reason.MISTYPED_SHARE, Duration.ZERO), "share", model, response);
        }
        return answer(unsealing.submitShare(share), "share", model, response);
    }

    private String answer(UnsealResult result, String field, Model model, HttpServletResponse response) {
        if (result instanceof UnsealResult.Unsealed
                || result instanceof Refused refused && refused.reason() == Reason.NOT_SEALED) {
            return "redirect:/unseal?unsealed";
        }
        if (result instanceof SharesAccepted) {
            model.addAttribute("shareAccepted", true);
            return show(model);
        }
        return refuse((Refused) result, field, model, response);
    }

    private String refuse(Refused refused, String field, Model model, HttpServletResponse response) {
        if (refused.reason() == Reason.THROTTLED) {
            long seconds = Math.max(1, (refused.retryAfter().toMillis() + 999) / 1000);
            response.setStatus(429);
            response.setHeader("Retry-After", Long.toString(seconds));
            model.addAttribute("waitSeconds", seconds);
        } else {
            response.setStatus(422);
        }
        model.addAttribute("errorField", field);
        model.addAttribute("errorCode", errorCode(refused.reason(), field));
        return show(model);
    }

    static String errorCode(Reason reason, String field) {
        return switch (reason) {
            case WRONG_SECRET -> "share".equals(field) ? "unseal.error.wrongShares" : "unseal.error.wrongPassphrase";
            case THROTTLED -> "unseal.error.throttled";
            case MISTYPED_SHARE -> "unseal.error.mistyped";
            case OTHER_SHARE_SET -> "unseal.error.otherSet";
            case DUPLICATE_SHARE -> "unseal.error.duplicate";
            case MALFORMED_PASSPHRASE -> "unseal.error.malformedPassphrase";
            case NOT_SUPPORTED -> "unseal.notSupported";
            case NOT_SEALED -> "unseal.done";
        };
    }

    private String show(Model model) {
        model.addAttribute("sealed", unsealing.isSealed());
        @Nullable SharesAccepted progress = unsealing.shareProgress().orElse(null);
        model.addAttribute("progress", progress);
        model.addAttribute("freeFailures", Unsealing.FREE_FAILURES);
        return "unseal";
    }
}
