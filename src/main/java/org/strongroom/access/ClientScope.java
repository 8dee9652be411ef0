package org.strongroom.access;

import java.util.List;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * The clients an actor may act on with some permission, as a SQL condition for the caller's own
 * list and search queries — so scope is applied inside the query (and so in counts and totals),
 * never by filtering rows after they were fetched.
 *
 * <p>Use: {@code "SELECT … FROM client c WHERE " + scope.condition("c.id") + " AND …"} and bind
 * {@link #parameters()} in order before the caller's own. The condition names only the access
 * module's tables ({@code care_team_member}, {@code access_grant}) and the given column.
 */
public record ClientScope(Reach reach, @Nullable String actorId, long now) {

    private static final java.util.regex.Pattern COLUMN = java.util.regex.Pattern.compile("[A-Za-z_][A-Za-z0-9_]*(\\.[A-Za-z_][A-Za-z0-9_]*)?");

    public ClientScope {
        Objects.requireNonNull(reach, "reach");
    }

    /** No client at all (missing permission, unknown role, no reach). */
    public static ClientScope nothing() {
        return new ClientScope(Reach.NONE, null, 0);
    }

    /** Whether no client can match (callers may skip the query and answer "none"). */
    public boolean empty() {
        return reach == Reach.NONE;
    }

    /** Whether every client matches. */
    public boolean everything() {
        return reach == Reach.ORGANISATION;
    }

    /**
     * The condition on the client-id column (a trusted, caller-written column expression such as
     * {@code c.id}; never user input).
     */
    public String condition(String clientIdColumn) {
        if (!COLUMN.matcher(clientIdColumn).matches()) {
            throw new IllegalArgumentException("not a column name");
        }
        return switch (reach) {
            case ORGANISATION -> "1 = 1";
            case NONE -> "1 = 0";
            case OWN_RECORD -> clientIdColumn + " = ?";
            case CARE_TEAM -> "(" + clientIdColumn + " IN (SELECT ctm.client_id FROM care_team_member ctm WHERE ctm.staff_id = ?)"
                    + " OR " + clientIdColumn + " IN (SELECT ag.client_id FROM access_grant ag WHERE ag.staff_id = ?"
                    + " AND ag.revoked_at IS NULL AND ag.starts_at <= ? AND ag.expires_at > ?))";
        };
    }

    /**
     * The same set of clients as {@link #condition}, written as correlated {@code EXISTS} probes:
     * for an ordered page with a {@code LIMIT} over a listing index, the database walks the index
     * and stops after the page is full instead of fetching and sorting the whole caseload (measured
     * in docs/benchmarks.md, "Access policy"). Use {@link #condition} for counts and whole sets,
     * where the probes would run once per client in the table. Same {@link #parameters()}.
     */
    public String pageCondition(String clientIdColumn) {
        if (reach != Reach.CARE_TEAM) {
            return condition(clientIdColumn);
        }
        condition(clientIdColumn); // validates the column expression
        return "(EXISTS (SELECT 1 FROM care_team_member ctm WHERE ctm.client_id = " + clientIdColumn + " AND ctm.staff_id = ?)"
                + " OR EXISTS (SELECT 1 FROM access_grant ag WHERE ag.client_id = " + clientIdColumn + " AND ag.staff_id = ?"
                + " AND ag.revoked_at IS NULL AND ag.starts_at <= ? AND ag.expires_at > ?))";
    }

    /** The values to bind for {@link #condition} or {@link #pageCondition}, in order. */
    public List<Object> parameters() {
        return switch (reach) {
            case ORGANISATION, NONE -> List.of();
            case OWN_RECORD -> List.of(Objects.requireNonNull(actorId));
            case CARE_TEAM -> List.of(Objects.requireNonNull(actorId), actorId, now, now);
        };
    }
}
