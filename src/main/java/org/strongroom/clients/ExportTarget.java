package org.strongroom.clients;

import java.io.IOException;
import java.io.OutputStream;

/**
 * Where an export goes, opened only once every check passed and every client's export was
 * recorded: a web controller sets its download headers here, then hands over the response stream.
 */
@FunctionalInterface
public interface ExportTarget {

    /** @param clients how many clients the file will hold */
    OutputStream open(ExportFileFormat format, int clients) throws IOException;
}
