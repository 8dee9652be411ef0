package org.strongroom.identity.internal;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.Locale;

import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;
import org.strongroom.crypto.BlindIndexes;
import org.strongroom.crypto.EphemeralDigests;
import org.strongroom.crypto.IndexedField;

/**
 * The keys sign-in attempts are counted and recorded under. A submitted email never appears in
 * clear: the throttle counts under an HMAC of it with a key that lives only in this process's
 * memory, and the attempts table keeps a blind index (keyed, truncated, stable across restarts)
 * for emails that name no account. Both are computed the same way whether or not an account
 * exists.
 */
@Component
public class SignInKeys {

    /** Sized for many distinct emails, so one index value is shared by several of them. */
    static final IndexedField SUBMITTED_EMAIL = IndexedField.exact("identity.sign-in-email", 1L << 20);

    private final EphemeralDigests throttleKeys = new EphemeralDigests();
    private final BlindIndexes indexes;

    SignInKeys(BlindIndexes indexes) {
        this.indexes = indexes;
    }

    /** The one form of a submitted email that keys are computed from: trimmed, lower-case. */
    public static String normaliseEmail(@Nullable String email) {
        return email == null ? "" : email.strip().toLowerCase(Locale.ROOT);
    }

    /** The throttle key of a submitted email; meaningful only inside this process. */
    public String accountKey(@Nullable String submittedEmail) {
        return throttleKeys.digest(normaliseEmail(submittedEmail));
    }

    /** The blind index of a submitted email for the attempts table; empty while the vault is sealed. */
    public @Nullable String emailIndex(@Nullable String submittedEmail) {
        try {
            return indexes.exact(SUBMITTED_EMAIL, normaliseEmail(submittedEmail));
        } catch (RuntimeException sealedOrFailing) {
            return null;
        }
    }

    /**
     * The throttle key of a source address: the address itself for IPv4, its /64 network for
     * IPv6 (one subscriber usually holds a whole /64, so single addresses would cost nothing).
     */
    public static String addressKey(@Nullable String remoteAddress) {
        if (remoteAddress == null || remoteAddress.isBlank()) {
            return "unknown";
        }
        if (remoteAddress.indexOf(':') < 0) {
            return remoteAddress;
        }
        try {
            String literal = remoteAddress.startsWith("[") && remoteAddress.endsWith("]")
                    ? remoteAddress.substring(1, remoteAddress.length() - 1) : remoteAddress;
            int zone = literal.indexOf('%');
            byte[] bytes = InetAddress.getByName(zone < 0 ? literal : literal.substring(0, zone)).getAddress();
            if (bytes.length != 16) {
                return InetAddress.getByAddress(bytes).getHostAddress();
            }
            byte[] network = Arrays.copyOf(bytes, 16);
            Arrays.fill(network, 8, 16, (byte) 0);
            return InetAddress.getByAddress(network).getHostAddress() + "/64";
        } catch (UnknownHostException | IllegalArgumentException e) {
            return remoteAddress;
        }
    }
}
