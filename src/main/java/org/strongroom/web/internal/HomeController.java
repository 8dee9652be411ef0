package org.strongroom.web.internal;

import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

/** The home page a signed-in person lands on; its content comes from the shell model. */
@Controller
class HomeController {

    @GetMapping("/")
    String home() {
        return "home";
    }
}
