package org.strongroom.operations.internal;

import java.io.PrintWriter;
import java.util.concurrent.Callable;

import org.springframework.context.ApplicationContext;

import me.tongfei.progressbar.ProgressBar;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code strongroom demo seed}: fills an installation that has no clients with fictitious clients,
 * staff and care teams (see {@link DemoData}), for trying Strongroom out. Needs the data folder to
 * itself (stop the server first, or start it with {@code serve --demo} instead).
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = {"Demo data for trying Strongroom out.", "Run 'strongroom demo seed --help' for the options."},
        subcommands = DemoCommand.Seed.class)
final class DemoCommand implements Callable<Integer> {

    static Class<?> application;
    static PrintWriter out;
    static PrintWriter err;

    DemoCommand(Class<?> application, PrintWriter out, PrintWriter err) {
        DemoCommand.application = application;
        DemoCommand.out = out;
        DemoCommand.err = err;
    }

    @Override
    public Integer call() {
        err.println("strongroom: demo needs a subcommand: seed. Run 'strongroom demo --help' for usage.");
        return CommandLines.USAGE;
    }

    @Command(name = "seed", mixinStandardHelpOptions = true,
            description = {"Fills an installation that has no clients yet with fictitious clients (Ukrainian and English",
                    "names, @example.org/@example.com addresses, +380 50 and +44 20 7946 0xxx numbers), seven demo",
                    "staff (an office administrator, four practitioners, two at the front desk) and their care teams.",
                    "Everything is encrypted and recorded in the audit trail like real data. The demo staff are",
                    "invited accounts without a password: to sign in as one, re-send their invitation from the",
                    "users page. Runs once: a second seed, or a seed into an installation with clients, is refused.",
                    "Stop the server first (or use 'strongroom serve --demo')."},
            exitCodeListHeading = "%nExit codes:%n",
            exitCodeList = {"0:seeded", "1:refused or failed (one line says why); nothing was saved", "2:the command line was wrong"})
    static final class Seed implements Callable<Integer> {

        @Mixin
        OfflineContext target;

        @Option(names = "--clients", paramLabel = "N", defaultValue = "" + DemoData.DEFAULT_CLIENTS,
                description = "How many clients, 1 to " + DemoData.MAX_CLIENTS + " (default ${DEFAULT-VALUE}).")
        int clients;

        @Override
        public Integer call() {
            if (clients < 1 || clients > DemoData.MAX_CLIENTS) {
                err.println("strongroom: --clients must be between 1 and " + DemoData.MAX_CLIENTS + ", not " + clients
                        + ". Run 'strongroom demo seed --help' for usage.");
                return CommandLines.USAGE;
            }
            return target.run(application, err, false, context -> seed(context, clients, out, err));
        }
    }

    /** Seeds with a progress bar and reports in a few lines; shared by {@code demo seed} and {@code serve --demo}. */
    static int seed(ApplicationContext context, int clients, PrintWriter out, PrintWriter err) {
        DemoData demo = context.getBean(DemoData.class);
        if (demo.seeded()) {
            err.println("strongroom: demo data is already loaded in this installation (the account "
                    + DemoData.ADMINISTRATOR_EMAIL + " exists).");
            return CommandLines.FAILED;
        }
        DemoData.Seeded seeded;
        try (ProgressBar bar = KeysCommand.progress("Adding demo clients", clients)) {
            seeded = demo.seed(clients, 20261130L, bar::stepTo);
        } catch (DemoData.Refused refused) {
            err.println("strongroom: " + refused.getMessage() + ".");
            return CommandLines.FAILED;
        }
        out.println("Added " + seeded.clients() + " fictitious clients, " + seeded.staff() + " demo staff and their care teams.");
        out.println("The demo staff are invited accounts without a password; re-send an invitation from the users page"
                + " to sign in as one (the office administrator is " + DemoData.ADMINISTRATOR_EMAIL + ").");
        return 0;
    }
}
