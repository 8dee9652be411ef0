package org.strongroom.crypto.internal;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.strongroom.crypto.KeyManagement;

/**
 * Finishes an interrupted root key rotation: if client keys are still wrapped by an older root
 * key version when the server is ready, they are re-wrapped in the background, in small
 * transactions, while the server serves. Progress is in {@code KeyStatus.pendingRewrap()}.
 */
@Component
class RewrapOnStart {

    private static final Logger LOG = LoggerFactory.getLogger(RewrapOnStart.class);
    private static final int BATCH = 100;

    private final KeyManagement keys;
    private final boolean enabled;
    private volatile boolean stopping;

    RewrapOnStart(KeyManagement keys, @Value("${strongroom.keys.rewrap-on-start:true}") boolean enabled) {
        this.keys = keys;
        this.enabled = enabled;
    }

    @EventListener(ApplicationReadyEvent.class)
    void resume() {
        if (!enabled || keys.isSealed() || keys.pendingRewrap() == 0) {
            return;
        }
        Thread worker = new Thread(this::rewrapAll, "strongroom-rewrap");
        worker.setDaemon(true);
        worker.start();
    }

    @EventListener(ContextClosedEvent.class)
    void stop() {
        stopping = true;
    }

    private void rewrapAll() {
        long total = keys.pendingRewrap();
        long done = 0;
        LOG.info("Re-wrapping {} client keys under the current root key version", total);
        try {
            int batch;
            while (!stopping && (batch = keys.rewrapBatch(BATCH)) > 0) {
                done += batch;
                LOG.info("Re-wrapped {} of {} client keys", done, total);
            }
        } catch (RuntimeException e) {
            LOG.warn("Re-wrapping stopped after {} client keys ({}); it resumes at the next start",
                    done, e.getClass().getSimpleName());
        }
    }
}
