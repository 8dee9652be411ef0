package org.strongroom.operations.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.util.Properties;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.IVersionProvider;

/** {@code strongroom version}: the Strongroom version and the Java runtime it runs on. */
@Command(name = "version", mixinStandardHelpOptions = true, description = "Prints the version of Strongroom and of Java.")
final class VersionCommand implements Callable<Integer> {

    private final PrintWriter out;

    VersionCommand(PrintWriter out) {
        this.out = out;
    }

    @Override
    public Integer call() {
        for (String line : new Provider().getVersion()) {
            out.println(line);
        }
        return 0;
    }

    static String strongroomVersion() {
        try (InputStream in = VersionCommand.class.getResourceAsStream("/strongroom-version.properties")) {
            if (in == null) {
                return "unknown";
            }
            Properties p = new Properties();
            p.load(in);
            return p.getProperty("version", "unknown");
        } catch (IOException e) {
            return "unknown";
        }
    }

    static final class Provider implements IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {
                    "Strongroom " + strongroomVersion(),
                    "Java " + System.getProperty("java.version") + " (" + System.getProperty("java.vm.vendor") + ")"
            };
        }
    }
}
