package org.strongroom.web.internal;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.strongroom.crypto.KeyManagement;
import org.strongroom.crypto.KeyStatus;

/** The key hierarchy at a glance, for the owner and administrators: provider, versions, pending work. */
@Controller
class KeyStatusController {

    private final KeyManagement keys;

    KeyStatusController(KeyManagement keys) {
        this.keys = keys;
    }

    @GetMapping("/settings/keys")
    String status(Model model) {
        KeyStatus status = keys.status();
        long clients = status.clientVersions().stream().mapToLong(KeyStatus.VersionCount::clients).sum();
        model.addAttribute("status", status);
        model.addAttribute("clients", clients);
        model.addAttribute("rewrapDone", clients - status.pendingRewrap());
        model.addAttribute("rotationDone", clients - status.pendingRotation());
        return "settings/keys";
    }
}
