package org.strongroom.documents.internal;

import java.io.IOException;
import java.time.Clock;
import java.util.List;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.strongroom.crypto.ClientKeys;
import org.strongroom.documents.internal.storage.BlobKeys;
import org.strongroom.documents.internal.storage.BlobStore;

/**
 * Destroys documents whose time is up: trashed documents past their purge time, and every
 * document of a client whose key was destroyed (erasure — the bytes were unreadable from that
 * moment; this removes them). Bytes are deleted first, then the row is wiped in a transaction with
 * its audit entry ({@code documents.destroyed}, reason {@code trash_expired} or
 * {@code client_erased}); if the machine stops in between, the next run deletes again (a no-op) and
 * records. Runs every {@code strongroom.documents.sweep-interval}.
 */
@Component
public class DocumentSweep {

    private static final int BATCH = 100;
    private static final Logger log = LoggerFactory.getLogger(DocumentSweep.class);

    private final DocumentStore store;
    private final BlobStore blobs;
    private final ClientKeys keys;
    private final DocumentAudit audit;
    private final TransactionTemplate transactions;
    private final Clock clock;

    DocumentSweep(DocumentStore store, BlobStore blobs, ClientKeys keys, DocumentAudit audit, PlatformTransactionManager tm,
                  Clock clock) {
        this.store = store;
        this.blobs = blobs;
        this.keys = keys;
        this.audit = audit;
        this.transactions = new TransactionTemplate(tm);
        this.clock = clock;
    }

    @Scheduled(fixedDelayString = "${strongroom.documents.sweep-interval:10m}", initialDelayString = "${strongroom.documents.sweep-interval:10m}")
    void scheduled() {
        try {
            Result result = sweep();
            if (result.total() > 0) {
                log.info("Destroyed {} expired trashed documents and {} documents of erased clients", result.trashExpired(), result.clientErased());
            }
        } catch (RuntimeException e) {
            log.warn("Document sweep stopped early ({}); it runs again later", e.getClass().getSimpleName());
        }
    }

    /** One pass; returns what it destroyed. */
    public Result sweep() {
        int expired = 0;
        List<DocumentRows.Document> due;
        do {
            due = store.due(clock.millis(), BATCH);
            for (DocumentRows.Document document : due) {
                if (destroy(document.clientId(), document.id(), "trash_expired")) {
                    expired++;
                }
            }
        } while (due.size() == BATCH);
        int erased = 0;
        String after = null;
        List<UUID> clients;
        do {
            clients = store.clientsWithLiveDocuments(BATCH, after);
            for (UUID clientId : clients) {
                if (keys.state(clientId) == ClientKeys.State.DESTROYED) {
                    for (DocumentRows.Document document : store.liveOfClient(clientId)) {
                        if (destroy(clientId, document.id(), "client_erased")) {
                            erased++;
                        }
                    }
                }
            }
            after = clients.isEmpty() ? null : clients.get(clients.size() - 1).toString();
        } while (clients.size() == BATCH);
        return new Result(expired, erased);
    }

    private boolean destroy(UUID clientId, UUID documentId, String reason) {
        try {
            blobs.deleteAll(BlobKeys.documentPrefix(clientId, documentId));
        } catch (IOException e) {
            log.warn("Could not delete the stored bytes of a document yet ({}); will retry", e.getClass().getSimpleName());
            return false;
        }
        Boolean done = transactions.execute(tx -> {
            if (!store.markDestroyed(documentId, clock.millis())) {
                return false;
            }
            audit.document(null, "documents.destroyed", clientId, documentId, reason);
            return true;
        });
        return Boolean.TRUE.equals(done);
    }

    public record Result(int trashExpired, int clientErased) {
        public int total() {
            return trashExpired + clientErased;
        }
    }
}
