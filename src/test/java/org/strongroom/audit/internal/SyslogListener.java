package org.strongroom.audit.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;

/**
 * A syslog-over-TLS receiver on 127.0.0.1 (RFC 5425): reads octet-counted frames and keeps each
 * message. Checks the framing strictly: a length, one space, exactly that many bytes.
 */
final class SyslogListener implements AutoCloseable {

    private final ServerSocket server;
    private final BlockingQueue<String> received = new LinkedBlockingQueue<>();
    private final List<Socket> connections = new CopyOnWriteArrayList<>();
    private final List<String> framingErrors = new CopyOnWriteArrayList<>();
    private final Thread acceptor;

    /**
     * @param port       0 for any free port
     * @param clientAuth whether a client certificate is required
     */
    SyslogListener(SSLContext context, int port, boolean clientAuth) throws IOException {
        SSLServerSocket socket = (SSLServerSocket) context.getServerSocketFactory().createServerSocket();
        socket.setReuseAddress(true);
        socket.setNeedClientAuth(clientAuth);
        socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
        this.server = socket;
        this.acceptor = new Thread(this::accept, "test-syslog-listener");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    /** A plain TCP listener that accepts and then never answers (a hung SIEM). */
    static ServerSocket blackHole() throws IOException {
        ServerSocket socket = new ServerSocket();
        socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        Thread t = new Thread(() -> {
            List<Socket> held = new ArrayList<>();
            while (!socket.isClosed()) {
                try {
                    held.add(socket.accept());
                } catch (IOException e) {
                    return;
                }
            }
        }, "test-syslog-black-hole");
        t.setDaemon(true);
        t.start();
        return socket;
    }

    int port() {
        return server.getLocalPort();
    }

    /** The next message, waiting up to {@code wait}; null if none came. */
    String next(Duration wait) throws InterruptedException {
        return received.poll(wait.toMillis(), TimeUnit.MILLISECONDS);
    }

    List<String> framingErrors() {
        return framingErrors;
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket socket = server.accept();
                connections.add(socket);
                Thread reader = new Thread(() -> read(socket), "test-syslog-connection");
                reader.setDaemon(true);
                reader.start();
            } catch (IOException e) {
                return;
            }
        }
    }

    private void read(Socket socket) {
        try (socket; InputStream in = socket.getInputStream()) {
            while (true) {
                StringBuilder length = new StringBuilder();
                int b;
                while ((b = in.read()) != ' ') {
                    if (b == -1) {
                        if (length.length() > 0) {
                            framingErrors.add("end of stream inside a length");
                        }
                        return;
                    }
                    if (b < '0' || b > '9' || length.length() > 9 || (length.length() == 0 && b == '0')) {
                        framingErrors.add("not a frame length: " + (char) b);
                        return;
                    }
                    length.append((char) b);
                }
                int n = Integer.parseInt(length.toString());
                ByteArrayOutputStream body = new ByteArrayOutputStream(n);
                for (int i = 0; i < n; i++) {
                    int c = in.read();
                    if (c == -1) {
                        framingErrors.add("end of stream inside a message");
                        return;
                    }
                    body.write(c);
                }
                received.add(body.toString(StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            // the client went away or the handshake failed
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
        for (Socket socket : connections) {
            socket.close();
        }
    }
}
