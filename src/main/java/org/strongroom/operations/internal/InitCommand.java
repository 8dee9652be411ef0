package org.strongroom.operations.internal;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.ByteBuffer;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.context.ConfigurableApplicationContext;
import org.strongroom.identity.NewOwner;
import org.strongroom.identity.OwnerSetup;
import org.strongroom.identity.PasswordRules;
import org.strongroom.identity.SetupResult;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code strongroom init}: creates the owner account without a browser, for automated installs.
 * Refuses when an owner exists. The password is read from a file (or standard input with
 * {@code -}) so that it never appears in the process list or shell history.
 */
@Command(name = "init", mixinStandardHelpOptions = true,
        description = {"Creates the owner account without a browser (for automated installs).",
                "Refuses if an owner account already exists."})
final class InitCommand implements Callable<Integer> {

    private static final int MAX_PASSWORD_FILE_BYTES = 4096;

    @Option(names = "--owner-email", required = true, paramLabel = "EMAIL", description = "The owner's email address (their sign-in name).")
    String email;

    @Option(names = "--owner-name", required = true, paramLabel = "NAME", description = "The owner's full name.")
    String name;

    @Option(names = "--owner-password-file", required = true, paramLabel = "FILE",
            description = "A file holding the password (trailing newline ignored); '-' reads standard input.")
    String passwordFile;

    @Option(names = "--data-dir", paramLabel = "DIR", description = "Data folder (default ./strongroom-data, or STRONGROOM_DATA_DIR).")
    String dataDir;

    @Option(names = "--set", paramLabel = "KEY=VALUE", description = "Sets any configuration property.")
    Map<String, String> settings = new LinkedHashMap<>();

    private final Class<?> application;
    private final PrintWriter out;
    private final PrintWriter err;

    InitCommand(Class<?> application, PrintWriter out, PrintWriter err) {
        this.application = application;
        this.out = out;
        this.err = err;
    }

    @Override
    public Integer call() {
        String password;
        try {
            password = readPassword();
        } catch (StartupProblem problem) {
            err.println("strongroom: " + problem.getMessage());
            return CommandLines.USAGE;
        }
        Map<String, String> properties = new LinkedHashMap<>(settings);
        if (dataDir != null) {
            properties.put("strongroom.data-dir", dataDir);
        }
        properties.put("spring.main.banner-mode", "off");
        properties.put("logging.level.root", "warn");
        SpringApplication app = new SpringApplication(application);
        app.setWebApplicationType(WebApplicationType.NONE);
        app.setLogStartupInfo(false);
        try (ConfigurableApplicationContext context = app.run(ServeCommand.asArguments(properties))) {
            SetupResult result = context.getBean(OwnerSetup.class).createOwner(new NewOwner(name, email, password));
            if (result instanceof SetupResult.Created created) {
                out.println("Owner account created for " + created.email() + ". Start the server with"
                        + " 'strongroom serve' and sign in at /login.");
                return 0;
            }
            if (result instanceof SetupResult.Rejected rejected) {
                for (String code : rejected.problems().values()) {
                    err.println("strongroom: " + context.getMessage(code,
                            new Object[] {PasswordRules.MIN_LENGTH, PasswordRules.MAX_LENGTH}, Locale.ENGLISH));
                }
                return CommandLines.USAGE;
            }
            err.println("strongroom: an owner account already exists; init changed nothing.");
            return CommandLines.FAILED;
        } catch (Throwable failure) {
            err.println("strongroom: cannot initialise: " + StartupFailures.explain(failure));
            return CommandLines.FAILED;
        }
    }

    private String readPassword() {
        byte[] bytes;
        try {
            bytes = "-".equals(passwordFile)
                    ? System.in.readNBytes(MAX_PASSWORD_FILE_BYTES + 1)
                    : Files.readAllBytes(Path.of(passwordFile));
        } catch (NoSuchFileException e) {
            throw new StartupProblem("the password file " + passwordFile + " does not exist.");
        } catch (IOException e) {
            throw new StartupProblem("cannot read the password file " + passwordFile + ": " + e.getMessage() + ".");
        }
        if (bytes.length > MAX_PASSWORD_FILE_BYTES) {
            throw new StartupProblem("the password file is larger than " + MAX_PASSWORD_FILE_BYTES + " bytes; it should hold only the password.");
        }
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new StartupProblem("the password file is not valid UTF-8 text.");
        }
        if (text.endsWith("\r\n")) {
            text = text.substring(0, text.length() - 2);
        } else if (text.endsWith("\n")) {
            text = text.substring(0, text.length() - 1);
        }
        return text;
    }
}
