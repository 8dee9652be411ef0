/**
 * Documents: each client's folder of encrypted document copies. Every version of a document is
 * one stream encrypted with the client's key (streaming AEAD bound to the document and version)
 * and kept in a blob store — local files or S3 — where it becomes visible only once durable and
 * recorded; metadata (title, type, date, tags, file names) is encrypted with the client's key
 * too. Uploads are checked by content (type allow-list, size, optional image-metadata stripping
 * and malware scan) before anything is recorded. Every read and change asks {@code AccessPolicy}
 * (documents carry a sensitivity level) and is recorded in the audit trail in the same
 * transaction.
 */
@ApplicationModule(displayName = "Documents", allowedDependencies = {"crypto", "identity", "access", "audit", "clients"})
@NullMarked
package org.strongroom.documents;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
