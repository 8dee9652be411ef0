package org.strongroom.identity;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import javax.sql.DataSource;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.session.jdbc.JdbcIndexedSessionRepository;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.session.FindByIndexNameSessionRepository;
import org.springframework.session.Session;
import org.springframework.stereotype.Service;
import org.strongroom.identity.internal.Devices;

/**
 * A staff member's sessions, kept in the database by Spring Session and indexed by staff id: list
 * them, end one, end all others, end all. Disabling an account, changing or resetting a password
 * and resetting factors end sessions through this service, so a stolen session cookie stops
 * working the moment the server drops the session row.
 *
 * <p>Sessions are named outside the server only by a {@linkplain #reference(String) reference}, a
 * digest of their id: another session's id is a credential and never reaches a page.
 */
@Service
public class StaffSessions {

    /** Session attribute: the source address the session signed in from. */
    public static final String SOURCE_ADDRESS = "strongroom.session.address";
    /** Session attribute: browser family at sign-in ({@code Firefox}, {@code Chromium} …). */
    public static final String BROWSER = "strongroom.session.browser";
    /** Session attribute: operating system at sign-in ({@code Linux}, {@code Windows} …). */
    public static final String PLATFORM = "strongroom.session.platform";

    private static final String SECURITY_CONTEXT = "SPRING_SECURITY_CONTEXT";

    private final FindByIndexNameSessionRepository<? extends Session> sessions;
    private final Clock clock;
    private final Duration absoluteLifetime;

    StaffSessions(DataSource dataSource, PlatformTransactionManager transactions, Clock clock,
                  @Value("${spring.session.jdbc.table-name:spring_session}") String table,
                  @Value("${strongroom.sessions.absolute-lifetime:12h}") Duration absoluteLifetime) {
        this.sessions = repository(dataSource, transactions, table);
        this.clock = clock;
        this.absoluteLifetime = absoluteLifetime;
    }

    /**
     * A Spring Session repository over the same table as the server's, but joining the caller's
     * transaction: the server's own opens a new one for each call, which on SQLite would wait for
     * the caller's write lock (disabling an account ends its sessions inside the same transaction).
     * The command line, which has no web server and so no session repository, uses it too.
     */
    private static JdbcIndexedSessionRepository repository(DataSource dataSource, PlatformTransactionManager transactions,
                                                           String table) {
        JdbcIndexedSessionRepository repository = new JdbcIndexedSessionRepository(new JdbcTemplate(dataSource),
                new TransactionTemplate(transactions));
        repository.setTableName(table);
        repository.setCleanupCron(Scheduled.CRON_DISABLED);
        return repository;
    }

    /** The reference a session is named by on pages: a digest of its id, not the id. */
    public static String reference(String sessionId) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(("session-reference:" + sessionId).getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(Arrays.copyOf(digest, 16));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 unavailable", e);
        }
    }

    /** The staff member's live sessions, the most recently active first. */
    public List<ActiveSession> list(StaffId staff, @Nullable String currentSessionId) {
        Objects.requireNonNull(staff, "staff");
        return live(staff).values().stream()
                .map(s -> new ActiveSession(reference(s.getId()), s.getCreationTime(), s.getLastAccessedTime(),
                        text(s.getAttribute(SOURCE_ADDRESS), ""), text(s.getAttribute(BROWSER), Devices.OTHER),
                        text(s.getAttribute(PLATFORM), Devices.OTHER), isComplete(s), s.getId().equals(currentSessionId)))
                .sorted(Comparator.comparing(ActiveSession::current).reversed()
                        .thenComparing(Comparator.comparing(ActiveSession::lastActiveAt).reversed()))
                .toList();
    }

    /** Ends the staff member's session with this reference; false when they have none such. */
    public boolean end(StaffId staff, String sessionReference) {
        Objects.requireNonNull(staff, "staff");
        Objects.requireNonNull(sessionReference, "sessionReference");
        byte[] wanted = sessionReference.getBytes(StandardCharsets.US_ASCII);
        for (String id : sessions.findByPrincipalName(staff.toString()).keySet()) {
            if (MessageDigest.isEqual(reference(id).getBytes(StandardCharsets.US_ASCII), wanted)) {
                sessions.deleteById(id);
                return true;
            }
        }
        return false;
    }

    /** Ends every session of the staff member except the given one; returns how many ended. */
    public int endAllExcept(StaffId staff, @Nullable String keptSessionId) {
        return endAllExcept(staff, keptSessionId == null ? Set.of() : Set.of(keptSessionId));
    }

    /**
     * Ends every session of the staff member except the one serving this request. Use this form
     * within a request that may have changed its session id (sign-in, step-up): until the request
     * ends, the database still knows the session by the id it arrived with.
     */
    public int endAllExcept(StaffId staff, HttpServletRequest request) {
        Set<String> kept = new HashSet<>();
        HttpSession current = request.getSession(false);
        if (current != null) {
            kept.add(current.getId());
        }
        if (request.getRequestedSessionId() != null && current != null) {
            kept.add(request.getRequestedSessionId());
        }
        return endAllExcept(staff, kept);
    }

    private int endAllExcept(StaffId staff, Set<String> keptSessionIds) {
        Objects.requireNonNull(staff, "staff");
        int ended = 0;
        for (String id : sessions.findByPrincipalName(staff.toString()).keySet()) {
            if (!keptSessionIds.contains(id)) {
                sessions.deleteById(id);
                ended++;
            }
        }
        return ended;
    }

    /** Ends every session of the staff member (disable, password change or reset, factor reset). */
    public int endAll(StaffId staff) {
        return endAllExcept(staff, Set.of());
    }

    private Map<String, ? extends Session> live(StaffId staff) {
        Map<String, ? extends Session> found = sessions.findByPrincipalName(staff.toString());
        // The index still holds sessions that expired since the last clean-up run; they are not live.
        found.values().removeIf(s -> s.isExpired() || !s.getCreationTime().plus(absoluteLifetime).isAfter(clock.instant()));
        return found;
    }

    private static boolean isComplete(Session session) {
        Object context = session.getAttribute(SECURITY_CONTEXT);
        return context instanceof SecurityContext sc && sc.getAuthentication() != null
                && sc.getAuthentication().getAuthorities().stream().anyMatch(a -> SignInStage.COMPLETE.equals(a.getAuthority()));
    }

    private static String text(@Nullable Object value, String fallback) {
        return value instanceof String s && !s.isEmpty() ? s : fallback;
    }
}
