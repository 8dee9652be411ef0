package org.strongroom.operations.internal;

import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.Function;

import org.springframework.context.ConfigurableApplicationContext;
import org.strongroom.identity.InvitationLinks;
import org.strongroom.identity.StaffAdministration;
import org.strongroom.identity.StaffDirectory;
import org.strongroom.identity.StaffId;
import org.strongroom.identity.StaffMember;
import org.strongroom.identity.StaffRole;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code strongroom user …}: staff accounts from the server's command line, whether or not the
 * server runs (the data folder is not locked; the database serialises the writes). Acts as the
 * installation itself: it may act on owners, but never removes the last active owner.
 */
@Command(name = "user", mixinStandardHelpOptions = true,
        description = {"Lists, invites, disables and enables staff accounts, and resets their two-step verification.",
                "Run 'strongroom user COMMAND --help' for one command."},
        subcommands = {UserCommand.ListUsers.class, UserCommand.Invite.class, UserCommand.Disable.class,
                UserCommand.Enable.class, UserCommand.ResetMfa.class})
final class UserCommand implements Callable<Integer> {

    static Class<?> application;
    static PrintWriter out;
    static PrintWriter err;

    UserCommand(Class<?> application, PrintWriter out, PrintWriter err) {
        UserCommand.application = application;
        UserCommand.out = out;
        UserCommand.err = err;
    }

    @Override
    public Integer call() {
        err.println("strongroom: user needs a subcommand: list, invite, disable, enable or reset-mfa. "
                + "Run 'strongroom user --help' for usage.");
        return CommandLines.USAGE;
    }

    /** Options every user subcommand shares; account changes are small transactions, safe beside a running server. */
    static final class Target extends OfflineContext {
        int run(Function<ConfigurableApplicationContext, Integer> work) {
            return run(application, err, true, work);
        }

        /** Finds the account by email, or says on standard error that there is none. */
        static Optional<StaffId> find(ConfigurableApplicationContext context, String email) {
            Optional<StaffId> id = context.getBean(StaffDirectory.class).findByEmail(email);
            if (id.isEmpty()) {
                err.println("strongroom: no account has the email address " + printable(email) + ".");
            }
            return id;
        }
    }

    static String printable(String text) {
        String shortened = text.length() > 80 ? text.substring(0, 80) + "…" : text;
        return "'" + shortened.replaceAll("\\p{Cntrl}", "?") + "'";
    }

    static int report(ConfigurableApplicationContext context, StaffAdministration.Outcome outcome, String done) {
        if (outcome instanceof StaffAdministration.Outcome.Refused refused) {
            err.println("strongroom: " + context.getMessage(refused.reason(), null, Locale.ENGLISH));
            return CommandLines.FAILED;
        }
        out.println(done);
        return 0;
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "Lists every account that is not offboarded.")
    static final class ListUsers implements Callable<Integer> {
        @Mixin
        Target target;

        @Override
        public Integer call() {
            return target.run(context -> {
                List<StaffMember> members = context.getBean(StaffAdministration.class).list();
                out.printf("%-36s  %-13s  %-9s  %-8s  %s%n", "ID", "ROLE", "STATUS", "TWO-STEP", "EMAIL");
                for (StaffMember m : members) {
                    out.printf("%-36s  %-13s  %-9s  %-8s  %s%n", m.id(), m.role(), m.status(),
                            m.hasSecondFactor() ? "on" : "not yet", m.email());
                }
                return 0;
            });
        }
    }

    @Command(name = "invite", mixinStandardHelpOptions = true,
            description = {"Creates an account and prints its one-time invitation link (valid 72 hours).",
                    "The person opens it, sets a password, then enrols two-step verification."})
    static final class Invite implements Callable<Integer> {
        @Mixin
        Target target;

        @Option(names = "--email", required = true, paramLabel = "EMAIL", description = "Their email address (their sign-in name).")
        String email;

        @Option(names = "--name", required = true, paramLabel = "NAME", description = "Their full name.")
        String name;

        @Option(names = "--role", defaultValue = "STAFF", paramLabel = "ROLE",
                description = "OWNER, ADMINISTRATOR, PRACTITIONER, STAFF (front desk), AUDITOR or the key of a custom role"
                        + " (CUSTOM_…, see the roles page) (default ${DEFAULT-VALUE}).")
        String role;

        @Override
        public Integer call() {
            String key = role.strip().toUpperCase(Locale.ROOT);
            if (!StaffRole.isWellFormed(key)) {
                err.println("strongroom: --role must be OWNER, ADMINISTRATOR, PRACTITIONER, STAFF, AUDITOR or a custom role's key, not "
                        + printable(role) + ".");
                return CommandLines.USAGE;
            }
            StaffRole chosen = StaffRole.valueOf(key);
            return target.run(context -> {
                StaffAdministration.Invitation result = context.getBean(StaffAdministration.class).invite(null, name, email, chosen);
                if (result instanceof StaffAdministration.Invitation.Rejected rejected) {
                    rejected.problems().values().forEach(code -> err.println("strongroom: " + ("users.role.invalid".equals(code)
                            ? "There is no role with this key. Built-in roles: OWNER, ADMINISTRATOR, PRACTITIONER, STAFF, AUDITOR."
                            : context.getMessage(code, new Object[] {12, 256}, Locale.ENGLISH))));
                    return CommandLines.USAGE;
                }
                StaffAdministration.Invitation.Sent sent = (StaffAdministration.Invitation.Sent) result;
                InvitationLinks.Delivery delivery = context.getBean(InvitationLinks.class).deliver(sent.staff(), sent.token());
                out.println("Invited " + printable(email) + " as " + chosen + " (account " + sent.staff() + ").");
                if (delivery.mailed()) {
                    out.println("The invitation link was sent by mail; it works once, for 72 hours.");
                } else {
                    out.println("Give them this link (it works once, for 72 hours):");
                    out.println("  " + delivery.link());
                }
                return 0;
            });
        }
    }

    /** A change to one account, named by its email address: find it, act, report in one line. */
    abstract static class AccountChange implements Callable<Integer> {
        @Mixin
        Target target;

        @Parameters(paramLabel = "EMAIL", description = "The account's email address.")
        String email;

        abstract StaffAdministration.Outcome apply(StaffAdministration administration, StaffId id);

        abstract String done();

        @Override
        public Integer call() {
            return target.run(context -> Target.find(context, email)
                    .map(id -> report(context, apply(context.getBean(StaffAdministration.class), id),
                            done() + " " + printable(email) + "."))
                    .orElse(CommandLines.FAILED));
        }
    }

    @Command(name = "disable", mixinStandardHelpOptions = true, description = "Disables an account; its sessions and tokens end at once.")
    static final class Disable extends AccountChange {
        @Override
        StaffAdministration.Outcome apply(StaffAdministration administration, StaffId id) {
            return administration.disable(null, id);
        }

        @Override
        String done() {
            return "Disabled";
        }
    }

    @Command(name = "enable", mixinStandardHelpOptions = true, description = "Enables a disabled account again.")
    static final class Enable extends AccountChange {
        @Override
        StaffAdministration.Outcome apply(StaffAdministration administration, StaffId id) {
            return administration.enable(null, id);
        }

        @Override
        String done() {
            return "Enabled";
        }
    }

    @Command(name = "reset-mfa", mixinStandardHelpOptions = true,
            description = {"Removes an account's authenticator app and recovery codes (a lost phone).",
                    "They set up two-step verification again at their next sign-in; their sessions end."})
    static final class ResetMfa extends AccountChange {
        @Override
        StaffAdministration.Outcome apply(StaffAdministration administration, StaffId id) {
            return administration.resetFactors(null, id);
        }

        @Override
        String done() {
            return "Two-step verification reset for";
        }
    }
}
