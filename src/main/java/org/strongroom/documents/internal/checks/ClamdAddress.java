package org.strongroom.documents.internal.checks;

import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.UnixDomainSocketAddress;
import java.nio.file.Path;
import java.util.Optional;

import org.jspecify.annotations.Nullable;
import org.strongroom.documents.DocumentsConfigurationProblem;

/** Where clamd listens: a unix socket path or host:port. */
record ClamdAddress(@Nullable Path socket, @Nullable String host, int port) {

    private static final String SETTING = "strongroom.documents.malware-scan.clamd";

    /** Empty means no scan. */
    static Optional<ClamdAddress> parse(String value) {
        String v = value.strip();
        if (v.isEmpty()) {
            return Optional.empty();
        }
        if (v.startsWith("/")) {
            return Optional.of(new ClamdAddress(Path.of(v), null, 0));
        }
        int colon = v.lastIndexOf(':');
        if (colon > 0 && colon < v.length() - 1) {
            String host = v.substring(0, colon);
            if (host.startsWith("[") && host.endsWith("]")) {
                host = host.substring(1, host.length() - 1);
            }
            try {
                int port = Integer.parseInt(v.substring(colon + 1));
                if (port >= 1 && port <= 65535 && !host.isBlank()) {
                    return Optional.of(new ClamdAddress(null, host, port));
                }
            } catch (NumberFormatException e) {
                // fall through to the one-line explanation
            }
        }
        throw new DocumentsConfigurationProblem(SETTING + " must be empty (no scan), the absolute path of clamd's unix socket "
                + "(e.g. /run/clamav/clamd.ctl) or host:port (e.g. 127.0.0.1:3310)");
    }

    SocketAddress socketAddress() {
        return socket != null ? UnixDomainSocketAddress.of(socket) : new InetSocketAddress(host, port);
    }
}
