package org.strongroom.audit.internal;

import java.nio.file.Path;
import java.util.function.LongConsumer;

import javax.sql.DataSource;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;
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

    TrailVerification(DataSource dataSource, AuditKeys keys, AuditEntries entries,
            @Value("${strongroom.data-dir}") Path dataFolder) {
        this.dataSource = dataSource;
        this.keys = keys;
        this.entries = entries;
        this.dataFolder = dataFolder;
    }

    @Override
    public VerificationResult verify(LongConsumer progress) {
        return new ChainVerifier(dataSource, keys, CheckpointFile.inDataFolder(dataFolder)).verify(progress);
    }

    @Override
    public long approximateSize() {
        return entries.head().seq();
    }
}
