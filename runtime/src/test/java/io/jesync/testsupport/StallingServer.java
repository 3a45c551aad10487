package io.jesync.testsupport;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A dependency that hangs, on a plain {@link ServerSocket}: it accepts every connection and reads the request, then
 * either never answers ({@link Mode#SILENT}) or sends a 200's headers at once and its body one byte per
 * {@code dribbleEvery}, so the whole answer takes {@code dribbleEvery × bodyBytes} ({@link Mode#DRIBBLE}). Counts the
 * connections open at once, which is what a client's pool lets through. Requests below one path can be
 * {@linkplain #answering answered} at once instead (a login), so a client gets as far as the call that hangs.
 */
public final class StallingServer implements AutoCloseable {
    public enum Mode { SILENT, DRIBBLE }

    private final ServerSocket server;
    private final Mode mode;
    private final Duration dribbleEvery;
    private final int bodyBytes;
    private final List<Socket> open = new CopyOnWriteArrayList<>();
    private final AtomicInteger concurrent = new AtomicInteger();
    private final AtomicInteger mostConcurrent = new AtomicInteger();
    private final AtomicInteger accepted = new AtomicInteger();
    private final ScheduledExecutorService dribbler = Executors.newSingleThreadScheduledExecutor(daemon("dribbler"));
    private final Thread acceptor;
    private final List<Long> lifetimesMillis = new CopyOnWriteArrayList<>();
    private volatile String answeredPath;
    private volatile String answer;

    public StallingServer(Mode mode, Duration dribbleEvery, int bodyBytes) throws IOException {
        this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        this.mode = mode;
        this.dribbleEvery = dribbleEvery;
        this.bodyBytes = bodyBytes;
        this.acceptor = daemon("stalling-server").newThread(this::accept);
        acceptor.start();
    }

    /** Answers requests whose path starts with {@code pathPrefix} at once with a 200 and {@code json}. */
    public StallingServer answering(String pathPrefix, String json) {
        this.answer = json;
        this.answeredPath = pathPrefix;
        return this;
    }

    /** How long each stalled connection stayed open, from accept to close, in the order they closed. */
    public List<Long> lifetimesMillis() {
        return List.copyOf(lifetimesMillis);
    }

    public int port() {
        return server.getLocalPort();
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + port();
    }

    public int accepted() {
        return accepted.get();
    }

    /** The most connections that were open at one time. */
    public int mostConcurrent() {
        return mostConcurrent.get();
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket socket = server.accept();
                accepted.incrementAndGet();
                open.add(socket);
                mostConcurrent.accumulateAndGet(concurrent.incrementAndGet(), Math::max);
                daemon("stalling-connection").newThread(() -> serve(socket)).start();
            } catch (IOException closed) {
                return;
            }
        }
    }

    private void serve(Socket socket) {
        long opened = System.nanoTime();
        boolean stalled = true;
        try (socket) {
            InputStream in = socket.getInputStream();
            String head = readHeaders(in);
            String[] requestLine = head.split(" ", 3);
            String path = requestLine.length > 1 ? requestLine[1] : "";
            String prefix = answeredPath;
            if (prefix != null && path.startsWith(prefix)) {
                stalled = false;
                answer(socket, in, head);
                return;
            }
            if (mode == Mode.DRIBBLE) {
                OutputStream out = socket.getOutputStream();
                out.write(("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: " + bodyBytes
                        + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                out.flush();
                AtomicInteger sent = new AtomicInteger();
                dribbler.scheduleAtFixedRate(() -> {
                    try {
                        if (sent.incrementAndGet() <= bodyBytes) {
                            out.write(' ');
                            out.flush();
                        }
                    } catch (IOException gone) {
                        // the client gave up: what this server is here to show
                    }
                }, dribbleEvery.toMillis(), dribbleEvery.toMillis(), TimeUnit.MILLISECONDS);
            }
            // Until the client closes the connection (or the server is closed): a read that returns -1 ends it.
            while (in.read() >= 0) {
                // the request body, or nothing more
            }
        } catch (IOException closed) {
            // client or server closed the connection
        } finally {
            open.remove(socket);
            concurrent.decrementAndGet();
            if (stalled) {
                lifetimesMillis.add(Duration.ofNanos(System.nanoTime() - opened).toMillis());
            }
        }
    }

    /** A whole 200 on a connection that closes after it, so the client's next request opens one of its own. */
    private void answer(Socket socket, InputStream in, String head) throws IOException {
        int length = head.lines().filter(line -> line.regionMatches(true, 0, "Content-Length:", 0, 15))
                .map(line -> Integer.parseInt(line.substring(15).strip())).findFirst().orElse(0);
        in.readNBytes(length);
        byte[] body = answer.getBytes(StandardCharsets.UTF_8);
        OutputStream out = socket.getOutputStream();
        out.write(("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nConnection: close\r\nContent-Length: "
                + body.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        out.write(body);
        out.flush();
    }

    /** The client closed every connection it opened (it gave up rather than holding on). */
    public int openNow() {
        return concurrent.get();
    }

    /** The request line and headers, as text. */
    private static String readHeaders(InputStream in) throws IOException {
        StringBuilder head = new StringBuilder();
        int matched = 0;
        byte[] end = {'\r', '\n', '\r', '\n'};
        int b;
        while (matched < end.length && (b = in.read()) >= 0) {
            head.append((char) b);
            matched = b == end[matched] ? matched + 1 : b == '\r' ? 1 : 0;
        }
        return head.toString();
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        return runnable -> {
            Thread thread = new Thread(runnable, name);
            thread.setDaemon(true);
            return thread;
        };
    }

    @Override
    public void close() throws IOException {
        server.close();
        dribbler.shutdownNow();
        for (Socket socket : open) {
            socket.close();
        }
    }
}
