package org.strongroom.operations.internal;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * An exclusive lock on {@code <data folder>/server.lock}, held by a running server for its whole
 * life (the operating system releases it when the process ends, however it ends). Key operations
 * that change the key file refuse to run while a server holds it.
 */
final class DataFolderLock {

    private static final Map<Path, FileLock> HELD = new ConcurrentHashMap<>();

    private DataFolderLock() {
    }

    /** Takes the lock for this process or explains who has it. */
    static void acquire(Path dataFolder) {
        Path file = dataFolder.resolve("server.lock");
        if (HELD.containsKey(file)) {
            throw new StartupProblem("the data folder " + dataFolder + " is already in use by this process.");
        }
        try {
            FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            FileLock lock = channel.tryLock();
            if (lock == null) {
                channel.close();
                throw new StartupProblem("another Strongroom process is using the data folder " + dataFolder
                        + ". Stop it first, or give this one its own data folder.");
            }
            HELD.put(file, lock);
        } catch (OverlappingFileLockException e) {
            throw new StartupProblem("the data folder " + dataFolder + " is already in use by this process.");
        } catch (IOException e) {
            throw new StartupProblem("cannot lock the data folder " + dataFolder + " (" + e.getMessage() + ").");
        }
    }

    /** Releases the lock if this process holds it (for commands that finish). */
    static void release(Path dataFolder) {
        FileLock lock = HELD.remove(dataFolder.resolve("server.lock"));
        if (lock != null) {
            try {
                lock.release();
                lock.channel().close();
            } catch (IOException ignored) {
                // the process is about to end anyway
            }
        }
    }
}
