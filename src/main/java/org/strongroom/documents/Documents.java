package org.strongroom.documents;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.strongroom.access.Actor;

/**
 * Each client's documents: upload, list and search, read metadata, download (whole or a range),
 * new versions, restore a version, edit metadata, trash and restore. Every call asks the
 * {@code AccessPolicy} ({@code document.read}, {@code document.upload}, {@code document.delete})
 * on the client — a client out of reach, or a document of another client, is the same
 * {@code AccessRefused} that looks absent as a missing one — and applies the document's
 * sensitivity: a role that sees the level masked gets masked metadata and no bytes, a role for
 * which it is hidden never learns the document exists. Every call is recorded in the audit trail
 * in the same transaction ({@code documents.*}); a read that cannot be recorded returns nothing.
 */
public interface Documents {

    /** The client's documents (or trash) the asker may see, newest change first. Audited as {@code documents.listed}. */
    List<DocumentSummary> list(Actor actor, UUID clientId, DocumentQuery query);

    /** One document with its versions. Audited as {@code documents.viewed}. */
    DocumentDetails get(Actor actor, UUID clientId, UUID documentId);

    /**
     * Stores a new document: checks the upload, encrypts it to the blob store, and only once the
     * bytes are durable records it. A refused or interrupted upload leaves nothing behind.
     */
    DocumentResult<DocumentDetails> upload(Actor actor, UUID clientId, DocumentMetadata metadata, UploadSource source);

    /** Adds a new version; the old ones stay. {@code expectedRowVersion} guards against a concurrent change (null: no guard). */
    DocumentResult<DocumentDetails> addVersion(Actor actor, UUID clientId, UUID documentId, @Nullable Long expectedRowVersion,
                                               UploadSource source);

    /** Makes an older version current again by adding a new version that carries its bytes. */
    DocumentResult<DocumentDetails> restoreVersion(Actor actor, UUID clientId, UUID documentId, int version, long expectedRowVersion);

    /** Changes folder, type, title, date, sensitivity or tags. */
    DocumentResult<DocumentDetails> update(Actor actor, UUID clientId, UUID documentId, long expectedRowVersion, DocumentMetadata metadata);

    /** Moves a document to the trash, kept for the configured period, then destroyed. */
    DocumentResult<DocumentDetails> trash(Actor actor, UUID clientId, UUID documentId, long expectedRowVersion);

    /** Takes a document out of the trash. */
    DocumentResult<DocumentDetails> restore(Actor actor, UUID clientId, UUID documentId, long expectedRowVersion);

    /**
     * One version's bytes (the current one when {@code version} is null), optionally a range.
     * The audit entry ({@code documents.downloaded}, or {@code documents.previewed} when
     * {@code preview}) is committed before this returns.
     *
     * @throws DocumentDamaged when the stored object is missing or its first segment is damaged
     */
    DocumentContent download(Actor actor, UUID clientId, UUID documentId, @Nullable Integer version, @Nullable ByteRange range,
                             boolean preview);

    /**
     * The largest file one upload may carry, in bytes (for pages to say so, and for the
     * {@code documents.upload.tooLarge} message, whose argument {0} is this in whole megabytes).
     */
    long maxUploadSize();

    /** The asker's view of a document for headers (no audit entry), empty when not visible. */
    Optional<DocumentSummary> peek(Actor actor, UUID clientId, UUID documentId);
}
