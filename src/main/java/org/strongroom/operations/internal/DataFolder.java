package org.strongroom.operations.internal;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * The data folder: database, keys, certificate and documents live below it. Created with owner-only
 * permissions; start-up stops with one clear line when it cannot be used.
 */
final class DataFolder {

    static final String DEFAULT = "strongroom-data";
    static final Set<PosixFilePermission> OWNER_ONLY_DIR = PosixFilePermissions.fromString("rwx------");
    static final Set<PosixFilePermission> OWNER_ONLY_FILE = PosixFilePermissions.fromString("rw-------");

    private DataFolder() {
    }

    /** Resolves, creates (0700) and checks the folder; returns its absolute path. */
    static Path prepare(String configured) {
        Path folder = Path.of(configured.isBlank() ? DEFAULT : configured).toAbsolutePath().normalize();
        if (Files.exists(folder) && !Files.isDirectory(folder)) {
            throw new StartupProblem("the data folder " + folder + " exists but is not a folder. "
                    + "Point STRONGROOM_DATA_DIR (or --data-dir) at a folder.");
        }
        createPrivateDirectories(folder);
        probeWritable(folder);
        return folder;
    }

    static void createPrivateDirectories(Path folder) {
        if (Files.isDirectory(folder)) {
            return;
        }
        try {
            Path parent = folder.getParent();
            if (parent != null && !Files.isDirectory(parent)) {
                Files.createDirectories(parent);
            }
            Files.createDirectory(folder, PosixFilePermissions.asFileAttribute(OWNER_ONLY_DIR));
        } catch (FileAlreadyExistsException e) {
            if (!Files.isDirectory(folder)) {
                throw new StartupProblem("the data folder " + folder + " exists but is not a folder.");
            }
        } catch (IOException | SecurityException e) {
            throw new StartupProblem("cannot create the data folder " + folder + " (" + reason(e)
                    + "). Create it, make it writable for this user, or set STRONGROOM_DATA_DIR.");
        }
    }

    private static void probeWritable(Path folder) {
        Path probe = folder.resolve(".write-probe");
        try {
            Files.deleteIfExists(probe);
            Files.createFile(probe, PosixFilePermissions.asFileAttribute(OWNER_ONLY_FILE));
            Files.delete(probe);
        } catch (IOException | SecurityException e) {
            throw new StartupProblem("the data folder " + folder + " is not writable (" + reason(e)
                    + "). Give this user write access or set STRONGROOM_DATA_DIR.");
        }
    }

    /** Creates an empty file with owner-only permissions if it is missing, so SQLite and its WAL inherit 0600. */
    static void createPrivateFile(Path file) {
        if (Files.exists(file)) {
            return;
        }
        try {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(OWNER_ONLY_FILE));
        } catch (FileAlreadyExistsException e) {
            // created concurrently: fine
        } catch (IOException e) {
            throw new StartupProblem("cannot create " + file + " (" + reason(e) + ").");
        }
    }

    static String reason(Exception e) {
        String name = e.getClass().getSimpleName();
        return switch (name) {
            case "AccessDeniedException" -> "permission denied";
            case "FileSystemException" -> e.getMessage() == null ? "file system error" : e.getMessage();
            case "NoSuchFileException" -> "a parent folder does not exist";
            default -> e.getMessage() == null ? name : e.getMessage();
        };
    }
}
