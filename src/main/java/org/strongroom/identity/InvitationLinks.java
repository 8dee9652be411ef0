package org.strongroom.identity;

import org.springframework.core.env.Environment;
import org.springframework.stereotype.Service;

/**
 * Turns an invitation token into a link and gets it to the person: by mail when a mail server
 * is configured, otherwise back to the administrator to hand over. The link holds the token in
 * clear; it is never logged or stored.
 */
@Service
public class InvitationLinks {

    /** How the link went out; {@code link} is for the administrator when it was not mailed. */
    public record Delivery(boolean mailed, String link) {
        @Override
        public String toString() {
            return "Delivery[mailed=" + mailed + "]";
        }
    }

    private final Environment environment;

    InvitationLinks(Environment environment) {
        this.environment = environment;
    }

    public Delivery deliver(StaffId staff, String token) {
        return new Delivery(false, link(token));
    }

    /** The absolute link for a token, on the public URL (or this server's HTTPS port). */
    public String link(String token) {
        return baseUrl() + "/invitation?token=" + token;
    }

    public String baseUrl() {
        String base = environment.getProperty("strongroom.public-url", "");
        if (base.isBlank()) {
            String port = environment.getProperty("local.server.port", environment.getProperty("server.port", "8443"));
            base = "https://localhost:" + port;
        }
        return base.replaceAll("/+$", "");
    }
}
