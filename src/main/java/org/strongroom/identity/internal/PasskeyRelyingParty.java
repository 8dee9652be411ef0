package org.strongroom.identity.internal;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Objects;

/**
 * Who this server is to a passkey: the RP ID (the host name people type) and the one origin
 * that assertions must come from, both taken from the public URL. A browser binds every passkey
 * to the RP ID it was created for, and the server refuses an assertion made for another RP ID or
 * collected on another origin: that is what makes passkeys phishing-resistant.
 *
 * @param id     the RP ID, e.g. {@code strongroom.example.org}
 * @param name   the name authenticators show, always "Strongroom"
 * @param origin the only accepted origin, e.g. {@code https://strongroom.example.org:8443}
 */
public record PasskeyRelyingParty(String id, String name, String origin) {

    public static final String NAME = "Strongroom";

    public PasskeyRelyingParty {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(origin, "origin");
    }

    /**
     * Derives the relying party from {@code strongroom.public-url}; when that is blank, from
     * {@code https://localhost:<port>}.
     *
     * @throws IllegalArgumentException if the public URL is not an absolute https URL with a host
     */
    public static PasskeyRelyingParty from(String publicUrl, int port) {
        String url = publicUrl == null || publicUrl.isBlank() ? "https://localhost:" + port : publicUrl.strip();
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("strongroom.public-url is not a URL");
        }
        if (!"https".equalsIgnoreCase(uri.getScheme()) || uri.getHost() == null || uri.getHost().isBlank()) {
            throw new IllegalArgumentException("strongroom.public-url must be an https URL with a host name");
        }
        String host = uri.getHost().toLowerCase(Locale.ROOT);
        if (host.endsWith(".")) {
            host = host.substring(0, host.length() - 1);
        }
        int explicit = uri.getPort();
        // Browsers leave the default port out of an origin; so must we, or nothing would match.
        String origin = explicit == -1 || explicit == 443 ? "https://" + host : "https://" + host + ":" + explicit;
        return new PasskeyRelyingParty(host, NAME, origin);
    }
}
