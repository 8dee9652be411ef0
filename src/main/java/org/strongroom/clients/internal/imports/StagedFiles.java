package org.strongroom.clients.internal.imports;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.stereotype.Component;

/**
 * Parsed files between the upload and the import, held in this server's memory only — never in a
 * file, the database or the HTTP session — under an unguessable id (256 random bits), bound to the
 * person who uploaded, for {@link #IDLE} after last use. A server restart forgets them (the person
 * uploads again). Memory is bounded: at most {@link #PER_PERSON} files per person and
 * {@link #BUDGET_BYTES} of uploaded bytes in all.
 *
 * <p>Several server nodes: the steps of one import must reach the node that holds the file
 * (sticky sessions), or the person is asked to upload again.
 */
@Component
public class StagedFiles {

    public static final Duration IDLE = Duration.ofMinutes(30);
    public static final int PER_PERSON = 3;
    public static final long BUDGET_BYTES = 4L * ImportLimits.MAX_BYTES;

    /** A staged file. {@code size} is the uploaded size (the memory budget's unit). */
    public record Staged(String token, String owner, Table table, Layouts.Layout layout, long size, long stagedAt) {
        @Override
        public String toString() {
            return "Staged[" + layout + ", " + table.rows().size() + " rows]";
        }
    }

    private final Map<String, Entry> files = new ConcurrentHashMap<>();
    private final SecureRandom random = new SecureRandom();
    private final Clock clock;

    private static final class Entry {
        final Staged staged;
        volatile long lastUsed;

        Entry(Staged staged, long lastUsed) {
            this.staged = staged;
            this.lastUsed = lastUsed;
        }
    }

    StagedFiles(Clock clock) {
        this.clock = clock;
    }

    /**
     * Keeps a parsed file for its owner.
     *
     * @return the staged file, or empty when the memory budget is spent (try again later)
     */
    public synchronized Optional<Staged> put(String owner, Table table, Layouts.Layout layout, long size) {
        expire();
        long used = 0;
        Entry oldest = null;
        int mine = 0;
        for (Entry e : files.values()) {
            used += e.staged.size();
            if (e.staged.owner().equals(owner)) {
                mine++;
                if (oldest == null || e.lastUsed < oldest.lastUsed) {
                    oldest = e;
                }
            }
        }
        if (mine >= PER_PERSON && oldest != null) {
            // a person's newest uploads win over their oldest
            files.remove(oldest.staged.token());
            used -= oldest.staged.size();
        }
        if (used + size > BUDGET_BYTES) {
            return Optional.empty();
        }
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        long now = clock.millis();
        Staged staged = new Staged(token, owner, table, layout, size, now);
        files.put(token, new Entry(staged, now));
        return Optional.of(staged);
    }

    /** The staged file, if it exists, has not expired and belongs to {@code owner}. */
    public Optional<Staged> get(String owner, String token) {
        expire();
        Entry e = token == null ? null : files.get(token);
        if (e == null || !e.staged.owner().equals(owner)) {
            return Optional.empty();
        }
        e.lastUsed = clock.millis();
        return Optional.of(e.staged);
    }

    /** Forgets a staged file (after it was imported, or when its owner abandons it). */
    public void remove(String owner, String token) {
        files.computeIfPresent(token, (k, e) -> e.staged.owner().equals(owner) ? null : e);
    }

    private void expire() {
        long cutoff = clock.millis() - IDLE.toMillis();
        for (Iterator<Entry> it = files.values().iterator(); it.hasNext(); ) {
            if (it.next().lastUsed < cutoff) {
                it.remove();
            }
        }
    }
}
