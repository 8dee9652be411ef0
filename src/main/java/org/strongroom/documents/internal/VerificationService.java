package org.strongroom.documents.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.NoSuchFileException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.strongroom.crypto.ClientKeyDestroyed;
import org.strongroom.crypto.ClientKeys;
import org.strongroom.crypto.DecryptionFailed;
import org.strongroom.crypto.DocumentContext;
import org.strongroom.crypto.DocumentStreams;
import org.strongroom.documents.DocumentVerification;
import org.strongroom.documents.internal.storage.BlobKeys;
import org.strongroom.documents.internal.storage.BlobStore;

/**
 * Walks every recorded stream and every stored object (see {@link DocumentVerification}). Reads
 * in small database batches so it can run beside a live server; objects younger than
 * {@link #GRACE} are never called orphans (an upload may be between storing and recording).
 */
@Service
class VerificationService implements DocumentVerification {

    static final Duration GRACE = Duration.ofHours(1);

    private final DocumentStore store;
    private final BlobStore blobs;
    private final DocumentStreams streams;
    private final ClientKeys keys;
    private final DocumentAudit audit;
    private final TransactionTemplate transactions;
    private final Clock clock;

    VerificationService(DocumentStore store, BlobStore blobs, DocumentStreams streams, ClientKeys keys, DocumentAudit audit,
                        PlatformTransactionManager tm, Clock clock) {
        this.store = store;
        this.blobs = blobs;
        this.streams = streams;
        this.keys = keys;
        this.audit = audit;
        this.transactions = new TransactionTemplate(tm);
        this.transactions.setReadOnly(true);
        this.clock = clock;
    }

    @Override
    public Report verify(boolean cleanOrphans, Progress progress) {
        long[] totals = transactions.execute(tx -> store.storedTotals());
        List<DocumentStore.StoredVersion> versions = new ArrayList<>();
        transactions.executeWithoutResult(tx -> store.forEachStoredVersion(versions::add));
        Set<String> known = new HashSet<>();
        versions.forEach(v -> known.add(v.storageKey()));
        List<Damage> damaged = new ArrayList<>();
        AtomicLong done = new AtomicLong();
        long checked = 0;
        long skipped = 0;
        byte[] buffer = new byte[1 << 16];
        for (DocumentStore.StoredVersion v : versions) {
            if (keys.state(v.clientId()) == ClientKeys.State.DESTROYED) {
                skipped++;
                progress.advanced(done.addAndGet(v.storedSize()), totals[1]);
                continue;
            }
            String problem = null;
            try (InputStream in = streams.decrypting(v.clientId(), new DocumentContext(v.documentId(), v.version()), blobs.open(v.storageKey()))) {
                long size = 0;
                int n;
                while ((n = in.read(buffer)) >= 0) {
                    size += n;
                }
                if (size != v.size()) {
                    problem = "size";
                }
            } catch (NoSuchFileException e) {
                problem = "missing";
            } catch (DecryptionFailed e) {
                problem = "decrypt";
            } catch (ClientKeyDestroyed e) {
                skipped++;
            } catch (IOException e) {
                problem = "unreadable";
            } catch (UncheckedIOException e) {
                problem = e.getCause() instanceof NoSuchFileException ? "missing" : "unreadable";
            }
            if (problem != null) {
                damaged.add(new Damage(v.documentId(), v.version(), problem));
            }
            checked++;
            progress.advanced(done.addAndGet(v.storedSize()), totals[1]);
        }
        Instant cutoff = clock.instant().minus(GRACE);
        List<String> orphans = new ArrayList<>();
        int removed = 0;
        int unfinished = 0;
        try {
            blobs.forEach(blob -> {
                if (BlobKeys.wellFormed(blob.key()) && !known.contains(blob.key()) && blob.lastModified().isBefore(cutoff)
                        && !Boolean.TRUE.equals(transactions.execute(tx -> store.storageKeyKnown(blob.key())))) {
                    orphans.add(blob.key());
                }
            });
            if (cleanOrphans) {
                for (String key : orphans) {
                    blobs.delete(key);
                    removed++;
                }
                unfinished = blobs.cleanUnfinished(cutoff);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not list the document store", e);
        }
        Report report = new Report(checked, done.get(), List.copyOf(damaged), List.copyOf(orphans), removed, unfinished, skipped);
        TransactionTemplate write = new TransactionTemplate(transactions.getTransactionManager());
        write.executeWithoutResult(tx -> audit.general(null, report.damaged().isEmpty() ? "documents.verified" : "documents.verify_found_damage",
                "document_store", blobs.kind()));
        return report;
    }
}
