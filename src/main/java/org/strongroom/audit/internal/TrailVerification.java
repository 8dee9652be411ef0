package org.strongroom.audit.internal;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.function.LongConsumer;

import javax.sql.DataSource;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;
import org.strongroom.audit.AuditRetention;
import org.strongroom.audit.AuditVerification;
import org.strongroom.audit.VerificationResult;
import org.strongroom.crypto.AuditKeys;

/** {@link AuditVerification} over this installation's database and its checkpoints file. */
@Service
class TrailVerification implements AuditVerification {

    private final DataSource dataSource;
    private final AuditKeys keys;
    private final AuditEntries entries;
    private final Path dataFolder;
    private final AuditRetention retention;
    private final Clock clock;
    private final long splitAt;

    /**
     * @param splitAt the fewest entries verified in two halves at once ({@link ChainVerifier};
     *                tests set it to 2 to run every attack through the split walk)
     */
    TrailVerification(DataSource dataSource, AuditKeys keys, AuditEntries entries,
            @Value("${strongroom.data-dir}") Path dataFolder, AuditRetention retention, Clock clock,
            @Value("${strongroom.audit.verify-split-at:" + ChainVerifier.SPLIT_AT + "}") long splitAt) {
        this.dataSource = dataSource;
        this.keys = keys;
        this.entries = entries;
        this.dataFolder = dataFolder;
        this.retention = retention;
        this.clock = clock;
        this.splitAt = splitAt;
    }

    @Override
    public VerificationResult verify(LongConsumer progress) {
        return verifyAsOf(clock.instant(), progress);
    }

    /** Verifies as if it were {@code now}: a trail pruned up to a checkpoint older than the retention then is intact. */
    VerificationResult verifyAsOf(Instant now, LongConsumer progress) {
        return new ChainVerifier(dataSource, keys, CheckpointFile.inDataFolder(dataFolder),
                retention.keepSince(now).toEpochMilli(), splitAt).verify(progress);
    }

    @Override
    public long approximateSize() {
        return entries.head().seq();
    }
}
