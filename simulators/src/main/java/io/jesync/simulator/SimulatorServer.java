package io.jesync.simulator;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Shared plumbing of the built-in simulators: a loopback-only HTTP server with a small route table, seeded
 * fault injection, a bounded request journal and the control endpoints under {@code /_sim/} that every
 * simulator has (faults, journal, clock). Each simulator adds its API routes and its own state views.
 */
public abstract class SimulatorServer implements AutoCloseable {
    public static final String CONTROL_PREFIX = "/_sim/";
    private static final int JOURNAL_LIMIT = 20_000;
    private static final int MAX_BODY_BYTES = 16 * 1024 * 1024;

    private final Logger log = LoggerFactory.getLogger(getClass());
    private final String name;
    private final int requestedPort;
    private final List<RouteEntry> routes = new ArrayList<>();
    private final List<Consumer<RecordedRequest>> listeners = new CopyOnWriteArrayList<>();
    private final Deque<RecordedRequest> journal = new ArrayDeque<>();
    private final AtomicLong sequence = new AtomicLong();
    protected final FaultInjector faults;
    protected final SimClock clock;
    private HttpServer server;
    private ExecutorService executor;

    protected SimulatorServer(String name, int port, long faultSeed, SimClock clock) {
        this.name = name;
        this.requestedPort = port;
        this.faults = new FaultInjector(faultSeed);
        this.clock = clock;
        registerControlRoutes();
    }

    @FunctionalInterface
    public interface Handler extends Function<SimRequest, SimResponse> {
    }

    private record RouteEntry(String method, String template, Pattern pattern, List<String> names, Handler handler,
                              boolean control) {
        String endpoint() {
            return method + " " + template;
        }
    }

    /** Registers a route; {@code {name}} segments in the template become path parameters. */
    protected final void route(String method, String template, Handler handler) {
        addRoute(method, template, handler, false);
    }

    /** A route under {@code /_sim/}: never faulted, never journaled, not part of the simulated API. */
    protected final void controlRoute(String method, String template, Handler handler) {
        addRoute(method, CONTROL_PREFIX + template, handler, true);
    }

    private void addRoute(String method, String template, Handler handler, boolean control) {
        List<String> names = new ArrayList<>();
        Matcher m = Pattern.compile("\\{([A-Za-z0-9]+)}").matcher(template);
        StringBuilder regex = new StringBuilder();
        int last = 0;
        while (m.find()) {
            regex.append(Pattern.quote(template.substring(last, m.start()))).append("([^/]+)");
            names.add(m.group(1));
            last = m.end();
        }
        regex.append(Pattern.quote(template.substring(last)));
        routes.add(new RouteEntry(method, template, Pattern.compile(regex + "/?", Pattern.CASE_INSENSITIVE), names,
                handler, control));
    }

    public final synchronized void start() {
        if (server != null) {
            return;
        }
        try {
            // The JDK client sends a POST's headers and body in two segments; without TCP_NODELAY the server's
            // answer then waits out the delayed ACK, about 40 ms per write (measured: 50 ms per product create).
            // The JDK server reads this property once, when its first server is made.
            System.setProperty("sun.net.httpserver.nodelay", "true");
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), requestedPort), 256);
        } catch (IOException e) {
            throw new IllegalStateException(name + " simulator cannot listen on 127.0.0.1:" + requestedPort + ": "
                    + e.getMessage(), e);
        }
        executor = Executors.newFixedThreadPool(32, r -> {
            Thread t = new Thread(r, name + "-sim");
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(executor);
        server.createContext("/", this::dispatch);
        server.start();
        log.debug("{} simulator listening on {}", name, baseUrl());
    }

    @Override
    public final synchronized void close() {
        if (server != null) {
            server.stop(0);
            executor.shutdownNow();
            try {
                executor.awaitTermination(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            server = null;
        }
    }

    public final String name() {
        return name;
    }

    public final int port() {
        if (server == null) {
            throw new IllegalStateException(name + " simulator is not started");
        }
        return server.getAddress().getPort();
    }

    public final String baseUrl() {
        return "http://127.0.0.1:" + port();
    }

    public final FaultInjector faults() {
        return faults;
    }

    public final SimClock clock() {
        return clock;
    }

    /** Called for every journaled request after it was answered (or failed); tests use it for schema checks. */
    public final void addRequestListener(Consumer<RecordedRequest> listener) {
        listeners.add(listener);
    }

    public final void removeRequestListener(Consumer<RecordedRequest> listener) {
        listeners.remove(listener);
    }

    public final synchronized List<RecordedRequest> journal() {
        return List.copyOf(journal);
    }

    public final synchronized void clearJournal() {
        journal.clear();
    }

    /** Hook for a simulator to answer before the route handler (auth, rate limits); empty = go on. */
    protected Optional<SimResponse> beforeHandle(SimRequest request, String endpoint) {
        return Optional.empty();
    }

    /** Hook to decorate every API answer (request ids, rate-limit headers). */
    protected void afterHandle(SimRequest request, String endpoint, SimResponse response) {
    }

    /** The platform's own 404 for a path no route matches. */
    protected abstract SimResponse notFound(SimRequest request);

    /** The platform's own answer to an uncaught handler error or malformed body. */
    protected abstract SimResponse badRequest(SimRequest request, String message);

    private void dispatch(HttpExchange exchange) {
        try (exchange) {
            handleExchange(exchange);
        } catch (IOException e) {
            log.debug("{} simulator: client went away: {}", name, e.getMessage());
        } catch (RuntimeException e) {
            log.warn("{} simulator failed on {} {}", name, exchange.getRequestMethod(), exchange.getRequestURI(), e);
        }
    }

    private void handleExchange(HttpExchange exchange) throws IOException {
        String method = exchange.getRequestMethod().toUpperCase(Locale.ROOT);
        String path = exchange.getRequestURI().getRawPath();
        String rawQuery = exchange.getRequestURI().getRawQuery();
        byte[] body = readBody(exchange.getRequestBody());
        Map<String, List<String>> headers = new LinkedHashMap<>();
        exchange.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(Locale.ROOT), List.copyOf(v)));

        RouteEntry matched = null;
        Map<String, String> params = new LinkedHashMap<>();
        boolean pathKnown = false;
        for (RouteEntry entry : routes) {
            Matcher m = entry.pattern.matcher(path);
            if (m.matches()) {
                pathKnown = true;
                if (entry.method.equals(method)) {
                    matched = entry;
                    for (int i = 0; i < entry.names.size(); i++) {
                        params.put(entry.names.get(i), decode(m.group(i + 1)));
                    }
                    break;
                }
            }
        }
        SimRequest request = new SimRequest(method, decode(path), rawQuery, params, parseQuery(rawQuery), headers, body);
        if (matched != null && matched.control) {
            send(exchange, safeHandle(matched.handler, request));
            return;
        }
        String endpoint = matched == null ? method + " " + path : matched.endpoint();
        Optional<FaultInjector.Decision> decision = faults.decide(endpoint,
                method + " " + path + "?" + (rawQuery == null ? "" : rawQuery) + "#" + FaultInjector.bodyHash(body));
        Fault fault = decision.map(FaultInjector.Decision::fault).orElse(null);

        SimResponse response;
        if (fault == Fault.CONNECTION_RESET) {
            record(endpoint, request, 0, fault);
            return; // closing the exchange without headers drops the connection
        } else if (fault == Fault.SERVER_ERROR || fault == Fault.UNAVAILABLE) {
            response = serverError(request, fault == Fault.SERVER_ERROR ? 500 : 503);
        } else if (fault == Fault.RATE_LIMITED || fault == Fault.RATE_LIMITED_NO_RETRY_AFTER) {
            response = tooManyRequests(request);
            if (fault == Fault.RATE_LIMITED) {
                response.header("Retry-After", Integer.toString(decision.get().rule().retryAfterSeconds()));
            }
        } else {
            if (fault == Fault.SLOW) {
                pause(Duration.ofMillis(decision.get().rule().slowMillis()));
            }
            if (matched == null) {
                response = pathKnown ? methodNotAllowed(request) : notFound(request);
            } else {
                Optional<SimResponse> early = beforeHandle(request, endpoint);
                response = early.isPresent() ? early.get() : safeHandle(matched.handler, request);
            }
        }
        afterHandle(request, endpoint, response);
        if (fault == Fault.LOST_RESPONSE) {
            record(endpoint, request, response.status(), fault);
            return; // the write above is stored; the client never hears about it
        }
        record(endpoint, request, response.status(), fault);
        send(exchange, response);
    }

    private SimResponse safeHandle(Handler handler, SimRequest request) {
        try {
            return handler.apply(request);
        } catch (SimRequest.MalformedBodyException e) {
            return badRequest(request, "The request body is not valid JSON: " + e.getMessage());
        } catch (SimulatorException e) {
            return e.response();
        }
    }

    /** 5xx answers in the platform's shape; the default is a bare JSON message. */
    protected SimResponse serverError(SimRequest request, int status) {
        ObjectNode body = Json.object();
        body.put("message", status == 503 ? "Service unavailable." : "Internal server error.");
        body.put("httpStatusCode", status);
        return SimResponse.json(status, body);
    }

    protected SimResponse tooManyRequests(SimRequest request) {
        ObjectNode body = Json.object();
        body.put("message", "Too many requests.");
        body.put("httpStatusCode", 429);
        return SimResponse.json(429, body);
    }

    protected SimResponse methodNotAllowed(SimRequest request) {
        ObjectNode body = Json.object();
        body.put("message", "Method not allowed.");
        body.put("httpStatusCode", 405);
        return SimResponse.json(405, body);
    }

    private void record(String endpoint, SimRequest request, int status, Fault fault) {
        RecordedRequest recorded = new RecordedRequest(sequence.incrementAndGet(), clock.instant(), endpoint,
                request.method(), request.path(), request.rawQuery(), request.headers(), request.bodyText(), status,
                fault);
        synchronized (this) {
            journal.addLast(recorded);
            while (journal.size() > JOURNAL_LIMIT) {
                journal.removeFirst();
            }
        }
        for (Consumer<RecordedRequest> listener : listeners) {
            listener.accept(recorded);
        }
    }

    private static void send(HttpExchange exchange, SimResponse response) throws IOException {
        response.headers().forEach((k, v) -> exchange.getResponseHeaders().set(k, v));
        if (response.contentType() != null) {
            exchange.getResponseHeaders().set("Content-Type", response.contentType());
        }
        byte[] body = response.body();
        boolean noBody = body.length == 0 || "HEAD".equals(exchange.getRequestMethod());
        exchange.sendResponseHeaders(response.status(), noBody ? -1 : body.length);
        if (!noBody) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    private static byte[] readBody(InputStream in) throws IOException {
        byte[] body = in.readNBytes(MAX_BODY_BYTES + 1);
        if (body.length > MAX_BODY_BYTES) {
            throw new IOException("request body over " + MAX_BODY_BYTES + " bytes");
        }
        return body;
    }

    private static void pause(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static String decode(String raw) {
        return URLDecoder.decode(raw.replace("+", "%2B"), StandardCharsets.UTF_8);
    }

    static Map<String, List<String>> parseQuery(String rawQuery) {
        Map<String, List<String>> query = new LinkedHashMap<>();
        if (rawQuery == null || rawQuery.isEmpty()) {
            return query;
        }
        for (String pair : rawQuery.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            query.computeIfAbsent(key, k -> new ArrayList<>()).add(value);
        }
        return query;
    }

    private void registerControlRoutes() {
        controlRoute("GET", "faults", req -> SimResponse.json(200, faultView()));
        controlRoute("PUT", "faults", req -> {
            JsonNode body = req.json();
            if (body == null) {
                throw new SimulatorException(SimResponse.json(400, Json.object().put("message", "body required")));
            }
            List<FaultRule> rules = new ArrayList<>();
            for (JsonNode r : body.path("rules")) {
                rules.add(new FaultRule(r.path("endpoint").asText(""), r.path("serverError").asDouble(),
                        r.path("unavailable").asDouble(), r.path("rateLimited").asDouble(),
                        r.path("rateLimitedWithoutRetryAfter").asDouble(), r.path("connectionReset").asDouble(),
                        r.path("slow").asDouble(), r.path("lostResponse").asDouble(), r.path("slowMillis").asLong(),
                        r.path("retryAfterSeconds").asInt()));
            }
            faults.configure(body.path("seed").asLong(faults.seed()), rules);
            for (JsonNode s : body.path("script")) {
                faults.script(s.path("endpoint").asText(), Fault.valueOf(s.path("fault").asText()));
            }
            return SimResponse.json(200, faultView());
        });
        controlRoute("DELETE", "faults", req -> {
            faults.clear();
            return SimResponse.json(200, faultView());
        });
        controlRoute("GET", "journal", req -> {
            int limit = req.queryParam("limit").map(Integer::parseInt).orElse(200);
            List<RecordedRequest> all = journal();
            ArrayNode items = Json.array();
            for (RecordedRequest r : all.subList(Math.max(0, all.size() - limit), all.size())) {
                ObjectNode item = items.addObject();
                item.put("sequence", r.sequence());
                item.put("receivedAt", r.receivedAt().toString());
                item.put("endpoint", r.endpoint());
                item.put("path", r.path());
                item.put("query", r.query());
                item.put("body", r.body());
                item.put("status", r.status());
                item.put("fault", r.fault() == null ? null : r.fault().name());
            }
            return SimResponse.json(200, items);
        });
        controlRoute("POST", "clock/advance", req -> {
            long seconds = req.queryParam("seconds").map(Long::parseLong).orElse(0L);
            clock.advance(Duration.ofSeconds(seconds));
            return SimResponse.json(200, Json.object().put("now", clock.instant().toString()));
        });
    }

    private ObjectNode faultView() {
        ObjectNode view = Json.object();
        view.put("seed", faults.seed());
        view.set("rules", Json.MAPPER.valueToTree(faults.rules()));
        view.set("injected", Json.MAPPER.valueToTree(faults.injectedCounts()));
        return view;
    }
}
