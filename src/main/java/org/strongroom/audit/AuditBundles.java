package org.strongroom.audit;

import java.io.IOException;
import java.io.InputStream;

import org.jspecify.annotations.Nullable;
import org.strongroom.audit.internal.BundleVerifier;

/**
 * Offline verification of a signed bundle ({@link ExportFormat#SIGNED_BUNDLE}): needs the bundle
 * alone — no data folder, no database, no vault, no running server. What it proves and what it
 * cannot is in docs/security/audit-format.md ("Signed bundles").
 */
public final class AuditBundles {

    private AuditBundles() {
    }

    /**
     * Reads the bundle once, line by line, in constant memory.
     *
     * @param expectedKeyId the hex key id the verifier trusts (from {@code <data-dir>/audit/checkpoints.jsonl}
     *                      or from the installation's owner), or null to report the bundle's own key id
     *                      unconfirmed
     * @throws IOException when the stream cannot be read
     */
    public static BundleVerdict verify(InputStream bundle, @Nullable String expectedKeyId) throws IOException {
        return BundleVerifier.verify(bundle, expectedKeyId);
    }
}
