package org.strongroom.operations.internal;

import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;

import org.jspecify.annotations.Nullable;

/**
 * Reads a root-key passphrase without it ever being a command-line argument: from a file, from
 * the terminal without echo, or from standard input (one line, or two identical lines when it is
 * being set). Failures are {@link StartupProblem}s with one-line messages; the passphrase is never
 * in one.
 */
final class PassphraseInput {

    private static final int MAX_BYTES = 4096;

    private PassphraseInput() {
    }

    /**
     * @param file    a file holding the passphrase, {@code -} for standard input, or null: the
     *                terminal when there is one, else standard input
     * @param confirm whether to ask twice (when typed) and require the same answer
     */
    static char[] read(@Nullable String file, boolean confirm, InputStream in, @Nullable Console console) {
        if (file != null && !"-".equals(file)) {
            return fromFile(Path.of(file));
        }
        if (file == null && console != null) {
            char[] first = console.readPassword("Passphrase: ");
            if (first == null) {
                throw new StartupProblem("no passphrase was typed.");
            }
            if (confirm) {
                char[] second = console.readPassword("Repeat the passphrase: ");
                requireSame(first, second);
            }
            return first;
        }
        BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        try {
            char[] first = line(reader);
            if (confirm) {
                requireSame(first, line(reader));
            }
            return first;
        } catch (IOException e) {
            throw new StartupProblem("cannot read the passphrase from standard input.");
        }
    }

    private static char[] line(BufferedReader reader) throws IOException {
        String line = reader.readLine();
        if (line == null) {
            throw new StartupProblem("standard input ended before the passphrase was given"
                    + " (when setting it, give it on two lines, the same twice).");
        }
        return line.toCharArray();
    }

    private static void requireSame(char[] first, char @Nullable [] second) {
        boolean same = second != null && Arrays.equals(first, second);
        if (second != null) {
            Arrays.fill(second, '\0');
        }
        if (!same) {
            Arrays.fill(first, '\0');
            throw new StartupProblem("the two passphrases are not the same; nothing was changed.");
        }
    }

    private static char[] fromFile(Path file) {
        byte[] bytes;
        try {
            if (Files.size(file) > MAX_BYTES) {
                throw new StartupProblem("the passphrase file is larger than " + MAX_BYTES + " bytes; it should hold only the passphrase.");
            }
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new StartupProblem("the passphrase file " + file + " does not exist.");
        } catch (IOException e) {
            throw new StartupProblem("cannot read the passphrase file " + file + " (" + DataFolder.reason(e) + ").");
        }
        try {
            CharBuffer chars = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes));
            int end = chars.limit();
            if (end > 0 && chars.get(end - 1) == '\n') {
                end--;
                if (end > 0 && chars.get(end - 1) == '\r') {
                    end--;
                }
            }
            char[] passphrase = new char[end];
            chars.get(passphrase, 0, end);
            Arrays.fill(chars.array(), '\0');
            return passphrase;
        } catch (CharacterCodingException e) {
            throw new StartupProblem("the passphrase file is not valid UTF-8 text.");
        } finally {
            Arrays.fill(bytes, (byte) 0);
        }
    }
}
