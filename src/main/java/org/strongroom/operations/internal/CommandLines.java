package org.strongroom.operations.internal;

import java.io.Console;
import java.io.InputStream;
import java.io.PrintWriter;

import org.jspecify.annotations.Nullable;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.IExitCodeGenerator;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.UnmatchedArgumentException;

/** Builds the picocli command tree and its error handling: one clear line per failure. */
public final class CommandLines {

    static final int USAGE = 2;
    static final int FAILED = 1;

    private CommandLines() {
    }

    public static CommandLine create(Class<?> application, PrintWriter out, PrintWriter err) {
        return create(application, out, err, System.in, System.console());
    }

    /** As {@link #create(Class, PrintWriter, PrintWriter)}, reading passphrases from {@code in} (or the terminal). */
    static CommandLine create(Class<?> application, PrintWriter out, PrintWriter err, InputStream in, @Nullable Console console) {
        CommandLine cl = new CommandLine(new Root());
        cl.addSubcommand(new ServeCommand(application, out, err));
        cl.addSubcommand(new InitCommand(application, out, err));
        CommandLine keys = new CommandLine(new KeysCommand(application, out, err));
        keys.addSubcommand(new PassphraseKeysCommands.InitPassphrase(out, err, in, console));
        keys.addSubcommand(new PassphraseKeysCommands.Split(out, err, in, console));
        cl.addSubcommand(keys);
        cl.addSubcommand(new UserCommand(application, out, err));
        cl.addSubcommand(new UnsealCommand(out, err, in, console));
        cl.addSubcommand(new CommandLine(new TokenCommand(application, out, err)));
        cl.addSubcommand(new CommandLine(new AuditCommand(application, out, err)));
        cl.addSubcommand(new CommandLine(new DemoCommand(application, out, err)));
        cl.addSubcommand(new CommandLine(new ImportCommand(application, out, err)));
        cl.addSubcommand(new CommandLine(new DocumentsCommand(application, out, err)));
        cl.addSubcommand(new VersionCommand(out));
        cl.addSubcommand(new CommandLine.HelpCommand());
        cl.setOut(out);
        cl.setErr(err);
        cl.setCaseInsensitiveEnumValuesAllowed(true);
        cl.setParameterExceptionHandler(CommandLines::usageError);
        cl.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
            commandLine.getErr().println("strongroom: " + oneLine(ex.getMessage() == null
                    ? ex.getClass().getSimpleName() : ex.getMessage()));
            return FAILED;
        });
        return cl;
    }

    private static int usageError(ParameterException ex, String[] args) {
        CommandLine cl = ex.getCommandLine();
        String command = cl.getCommandSpec().qualifiedName();
        String message;
        if (ex instanceof UnmatchedArgumentException unmatched && !unmatched.getUnmatched().isEmpty()) {
            String first = unmatched.getUnmatched().get(0);
            if (first.startsWith("-")) {
                message = "unknown option '" + first + "' for '" + command + "'";
            } else if (cl.getParent() == null && !cl.getSubcommands().isEmpty()) {
                message = "unknown command '" + first + "'";
            } else {
                message = "unexpected argument '" + first + "' for '" + command + "'";
            }
        } else {
            message = ex.getMessage();
        }
        cl.getErr().println("strongroom: " + oneLine(message) + ". Run '" + command + " --help' for usage.");
        return USAGE;
    }

    static String oneLine(String text) {
        String flat = text.replaceAll("\\s*[\\r\\n]+\\s*", " ").strip();
        return flat.endsWith(".") ? flat.substring(0, flat.length() - 1) : flat;
    }

    @Command(name = "strongroom", mixinStandardHelpOptions = true,
            versionProvider = VersionCommand.Provider.class,
            description = "Keeps a business's client records encrypted, access-controlled and audited.",
            footer = {"", "Run 'strongroom COMMAND --help' for the options of one command.",
                    "Configuration: environment variables (STRONGROOM_DATA_DIR, SERVER_PORT,",
                    "SPRING_DATASOURCE_URL, ...) or 'serve --set KEY=VALUE'; see docs/configuration.md."})
    static final class Root implements Runnable, IExitCodeGenerator {

        @Spec
        CommandSpec spec;

        @Override
        public void run() {
            spec.commandLine().getErr().println("strongroom: no command given. Run 'strongroom --help' for the list of commands.");
        }

        @Override
        public int getExitCode() {
            return USAGE;
        }
    }
}
