package org.strongroom.audit.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code <data-dir>/audit/checkpoints.jsonl}: every checkpoint this node made, one JSON object per
 * line, appended and fsynced after the checkpoint committed, file mode 0600. Outside the database,
 * so a rollback or truncation of the whole database is caught against it.
 */
final class CheckpointFile {

    private static final Pattern LINE = Pattern.compile(
            "\\{\"seq\":(\\d+),\"headMac\":\"([A-Za-z0-9_-]+)\",\"createdAt\":(\\d+),\"keyId\":\"([A-Za-z0-9._:-]+)\",\"signature\":\"([A-Za-z0-9_-]+)\"}");

    private final Path file;

    CheckpointFile(Path file) {
        this.file = file;
    }

    static CheckpointFile inDataFolder(Path dataFolder) {
        return new CheckpointFile(dataFolder.resolve("audit").resolve("checkpoints.jsonl"));
    }

    Path path() {
        return file;
    }

    synchronized void append(Checkpoint c) {
        String line = "{\"seq\":" + c.seq() + ",\"headMac\":\"" + EntryEncoding.base64(c.headMac()) + "\",\"createdAt\":"
                + c.createdAt() + ",\"keyId\":\"" + c.keyId() + "\",\"signature\":\"" + EntryEncoding.base64(c.signature())
                + "\"}\n";
        try {
            Files.createDirectories(file.getParent());
            boolean posix = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
            if (!Files.exists(file)) {
                if (posix) {
                    Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
                } else {
                    Files.createFile(file);
                }
            }
            try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE, StandardOpenOption.APPEND)) {
                ByteBuffer bytes = ByteBuffer.wrap(line.getBytes(StandardCharsets.US_ASCII));
                while (bytes.hasRemaining()) {
                    channel.write(bytes);
                }
                channel.force(true);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not append to the audit checkpoints file", e);
        }
    }

    /**
     * The checkpoints in the file, in file order. A last line without its newline (torn by a crash
     * while appending) is ignored; any other unreadable line is an error.
     *
     * @throws IllegalArgumentException naming the line number of an unreadable line
     */
    List<Checkpoint> read() {
        if (!Files.exists(file)) {
            return List.of();
        }
        String content;
        try {
            content = Files.readString(file, StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new UncheckedIOException("could not read the audit checkpoints file", e);
        }
        List<Checkpoint> list = new ArrayList<>();
        String[] lines = content.split("\n", -1);
        for (int i = 0; i < lines.length - 1; i++) {
            Matcher m = LINE.matcher(lines[i]);
            if (!m.matches()) {
                throw new IllegalArgumentException("line " + (i + 1) + " of " + file.getFileName() + " is not a checkpoint");
            }
            Base64.Decoder d = Base64.getUrlDecoder();
            list.add(new Checkpoint(Long.parseLong(m.group(1)), d.decode(m.group(2)), Long.parseLong(m.group(3)),
                    m.group(4), d.decode(m.group(5))));
        }
        return list;
    }
}
