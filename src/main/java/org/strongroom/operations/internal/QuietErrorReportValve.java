package org.strongroom.operations.internal;

import java.io.IOException;
import java.io.Writer;

import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;

/**
 * Tomcat's last-resort error page, for requests it rejects before the application sees them
 * (malformed paths, bad headers). Writes a generic page that names no software and carries the
 * same security headers as every other response.
 */
public final class QuietErrorReportValve extends ErrorReportValve {

    public QuietErrorReportValve() {
        setShowReport(false);
        setShowServerInfo(false);
    }

    @Override
    protected void report(Request request, Response response, Throwable throwable) {
        int status = response.getStatus();
        if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
            return;
        }
        try {
            response.setHeader("Strict-Transport-Security", "max-age=63072000; includeSubDomains");
            response.setHeader("Content-Security-Policy", "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'");
            response.setHeader("X-Content-Type-Options", "nosniff");
            response.setHeader("X-Frame-Options", "DENY");
            response.setHeader("Referrer-Policy", "no-referrer");
            response.setHeader("Permissions-Policy", "camera=(), microphone=(), geolocation=()");
            response.setHeader("Cache-Control", "no-store");
            response.setContentType("text/html;charset=UTF-8");
            Writer writer = response.getReporter();
            if (writer != null) {
                writer.write("<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Error " + status
                        + "</title></head><body><h1>Error " + status + "</h1><p>The request could not be completed.</p></body></html>");
                response.finishResponse();
            }
        } catch (IOException | IllegalStateException e) {
            // The client went away or the response was committed; nothing more to say.
        }
    }
}
