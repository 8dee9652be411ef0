package org.strongroom.operations.internal;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import java.util.function.Function;

import org.strongroom.clients.SearchIndexRebuild;
import org.strongroom.crypto.KeyManagement;
import org.strongroom.crypto.KeyStatus;

import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code strongroom keys …}: the key hierarchy from the command line. Commands that change keys
 * take the data folder's lock, so they refuse to run beside a running server.
 */
@Command(name = "keys", mixinStandardHelpOptions = true,
        description = {"Shows, rotates and sets up the keys (run with the server stopped).",
                "Run 'strongroom keys COMMAND --help' for one command."},
        subcommands = {KeysCommand.Status.class, KeysCommand.RotateRoot.class, KeysCommand.Rewrap.class,
                KeysCommand.RetireOldRoot.class, KeysCommand.RotateClients.class, KeysCommand.RotateIndex.class,
                KeysCommand.RebuildIndex.class, KeysCommand.RetireOldIndex.class})
final class KeysCommand implements Callable<Integer> {

    static Class<?> application;
    static PrintWriter out;
    static PrintWriter err;

    KeysCommand(Class<?> application, PrintWriter out, PrintWriter err) {
        KeysCommand.application = application;
        KeysCommand.out = out;
        KeysCommand.err = err;
    }

    @Override
    public Integer call() {
        err.println("strongroom: keys needs a subcommand: status, rotate-root, rewrap, retire-old-root, rotate-clients, "
                + "rotate-index, rebuild-index, retire-old-index, init-passphrase or split. "
                + "Run 'strongroom keys --help' for usage.");
        return CommandLines.USAGE;
    }

    /** Options every keys subcommand shares; key work takes the data folder's lock. */
    static final class Target extends OfflineContext {
        int run(Function<KeyManagement, Integer> work) {
            return run(application, err, false, context -> work.apply(context.getBean(KeyManagement.class)));
        }
    }

    /** The {@code --batch} option of the long-running key jobs, checked before any work starts. */
    static final class Batch {
        @Option(names = "--batch", defaultValue = "200", description = "Client keys per step (1-10000, default ${DEFAULT-VALUE}).")
        int size;

        /** True when the value is usable; otherwise says why on standard error. */
        boolean valid() {
            if (size < 1 || size > 10_000) {
                err.println("strongroom: --batch must be between 1 and 10000, not " + size + ".");
                return false;
            }
            return true;
        }
    }

    @Command(name = "status", mixinStandardHelpOptions = true, description = "Shows the key provider, versions and rotation progress.")
    static final class Status implements Callable<Integer> {
        @Mixin
        Target target;

        @Override
        public Integer call() {
            return target.run(keys -> {
                KeyStatus status = keys.status();
                out.println("Root key provider:   " + status.provider() + (status.sealed() ? " (sealed)" : ""));
                out.println("Root key version:    " + (status.sealed() ? "-" : status.rootKeyId()));
                out.println("Client keys:         " + status.clientVersions().stream().mapToLong(KeyStatus.VersionCount::clients).sum()
                        + " active, " + status.destroyedKeys() + " destroyed");
                status.clientVersions().forEach(v -> out.println("  on version " + v.version() + ": " + v.clients()));
                out.println("Waiting for re-wrap: " + status.pendingRewrap());
                out.println("Waiting for rotation: " + status.pendingRotation());
                return 0;
            });
        }
    }

    @Command(name = "rotate-root", mixinStandardHelpOptions = true,
            description = {"Adds a new root key version and re-wraps every client key under it.",
                    "Interrupted re-wrapping resumes with 'keys rewrap' or at the next server start."})
    static final class RotateRoot implements Callable<Integer> {
        @Mixin
        Target target;

        @Mixin
        Batch batch;

        @Override
        public Integer call() {
            if (!batch.valid()) {
                return CommandLines.USAGE;
            }
            return target.run(keys -> {
                String id = keys.rotateRoot();
                out.println("New root key version: " + id);
                return rewrap(keys, batch.size);
            });
        }
    }

    @Command(name = "rewrap", mixinStandardHelpOptions = true, description = "Finishes re-wrapping client keys after a root rotation.")
    static final class Rewrap implements Callable<Integer> {
        @Mixin
        Target target;

        @Mixin
        Batch batch;

        @Override
        public Integer call() {
            if (!batch.valid()) {
                return CommandLines.USAGE;
            }
            return target.run(keys -> rewrap(keys, batch.size));
        }
    }

    @Command(name = "retire-old-root", mixinStandardHelpOptions = true,
            description = "Removes old root key versions once no client key depends on them.")
    static final class RetireOldRoot implements Callable<Integer> {
        @Mixin
        Target target;

        @Override
        public Integer call() {
            return target.run(keys -> {
                long pending = keys.pendingRewrap();
                if (pending > 0) {
                    err.println("strongroom: " + pending + " client keys still depend on older root key versions; "
                            + "run 'strongroom keys rewrap' first.");
                    return CommandLines.FAILED;
                }
                keys.retireOldRootVersions();
                out.println("Old root key versions removed. Make a new backup of the key file now.");
                return 0;
            });
        }
    }

    @Command(name = "rotate-clients", mixinStandardHelpOptions = true,
            description = {"Gives every client key a new primary version (new values use it at once;",
                    "old values keep decrypting). Interrupted, it resumes where it stopped when run again."})
    static final class RotateClients implements Callable<Integer> {
        @Mixin
        Target target;

        @Mixin
        Batch batch;

        @Override
        public Integer call() {
            if (!batch.valid()) {
                return CommandLines.USAGE;
            }
            return target.run(keys -> {
                long total = keys.startRotatingClientKeys();
                try (ProgressBar bar = progress("Rotating client keys", total)) {
                    int done;
                    while ((done = keys.rotateClientKeysBatch(batch.size)) > 0) {
                        bar.stepBy(done);
                    }
                }
                out.println("Rotated " + total + " client keys.");
                return 0;
            });
        }
    }

    @Command(name = "rotate-index", mixinStandardHelpOptions = true,
            description = {"Adds a new blind-index key version. New search indexes use it at once; searches",
                    "match old and new indexes side by side until 'keys retire-old-index'."})
    static final class RotateIndex implements Callable<Integer> {
        @Mixin
        Target target;

        @Override
        public Integer call() {
            return target.run(keys -> {
                keys.rotateBlindIndexKey();
                out.println("New blind-index key version in use. Run 'strongroom keys rebuild-index', then 'strongroom keys retire-old-index'.");
                return 0;
            });
        }
    }

    @Command(name = "rebuild-index", mixinStandardHelpOptions = true,
            description = {"Rebuilds every client's search indexes under the current blind-index key and index size",
                    "(after rotate-index, or after changing strongroom.clients.planned-clients). Can be interrupted and run again."})
    static final class RebuildIndex implements Callable<Integer> {
        @Mixin
        Target target;
        @Mixin
        Batch batch;

        @Override
        public Integer call() {
            if (!batch.valid()) {
                return CommandLines.USAGE;
            }
            return target.run(application, err, false, context -> {
                SearchIndexRebuild rebuild = context.getBean(SearchIndexRebuild.class);
                long total = rebuild.total();
                long done = 0;
                try (ProgressBar bar = progress("Rebuilding client search indexes", total)) {
                    java.util.Optional<java.util.UUID> last = java.util.Optional.empty();
                    while ((last = rebuild.rebuildAfter(last.orElse(null), batch.size)).isPresent()) {
                        long step = Math.min(batch.size, total - done);
                        done += step;
                        bar.stepBy(step);
                    }
                }
                rebuild.recordFinished();
                out.println("Rebuilt the search indexes of " + total + " clients.");
                return 0;
            });
        }
    }

    @Command(name = "retire-old-index", mixinStandardHelpOptions = true,
            description = "Removes old blind-index key versions (after the indexes were rebuilt).")
    static final class RetireOldIndex implements Callable<Integer> {
        @Mixin
        Target target;

        @Override
        public Integer call() {
            return target.run(keys -> {
                keys.retireOldBlindIndexKeys();
                out.println("Old blind-index key versions removed; only current indexes match from now on.");
                return 0;
            });
        }
    }

    static ProgressBar progress(String task, long total) {
        return new ProgressBarBuilder().setTaskName(task).setInitialMax(total)
                .setStyle(ProgressBarStyle.ASCII).setConsumer(new ConsoleProgressBarConsumer(System.err))
                .setUpdateIntervalMillis(250).build();
    }

    static int rewrap(KeyManagement keys, int batch) {
        long total = keys.pendingRewrap();
        if (total == 0) {
            out.println("Every client key is wrapped by the current root key version.");
            return 0;
        }
        try (ProgressBar bar = progress("Re-wrapping client keys", total)) {
            int done;
            while ((done = keys.rewrapBatch(batch)) > 0) {
                bar.stepBy(done);
            }
        }
        out.println("Re-wrapped " + total + " client keys. Old root key versions can be removed with 'strongroom keys retire-old-root'.");
        return 0;
    }
}
