package io.jesync.admin;

import java.io.InputStream;
import java.io.Reader;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

import org.apache.camel.AsyncCallback;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.NamedNode;
import org.apache.camel.Processor;
import org.apache.camel.StreamCache;
import org.apache.camel.model.OptionalIdentifiedDefinition;
import org.apache.camel.model.ProcessorDefinition;
import org.apache.camel.model.ProcessorDefinitionHelper;
import org.apache.camel.model.RouteDefinition;
import org.apache.camel.spi.InterceptStrategy;
import org.apache.camel.support.processor.DelegateAsyncProcessor;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.jesync.json.Json;
import io.jesync.order.PayloadMasker;

/**
 * Tracing for support, switched on per flow (a route by its id, such as {@code poll-orders-se}): while on, every step
 * of the route, and of every route it calls on the same thread, records the message it is given into a bounded
 * capture of the last N entries per traced route, which the admin API returns. Steps are named by their id where the
 * route gives one (the business step), otherwise by what they do ({@code bean[orderFlow.poll]}), never by Camel's
 * numbering. Each call to e-conomic or Norce made meanwhile is captured too, request and answer ({@link #traced}).
 * What is captured is masked the way stored payloads are: credential-named headers and JSON fields are masked,
 * credentials in plain text ({@code Bearer ...}, {@code password=...}, {@code token=...}) are replaced, streams are
 * not read (reading would consume them), bodies are cut at {@value #MAX_BODY} characters; the scheduler's own
 * headers and bodies that are Java objects rather than data are left out. Off, a step costs one map look-up.
 */
public final class RouteTracing implements InterceptStrategy {
    static final int MAX_BODY = 4000;
    private static final ObjectMapper MAPPER = Json.MAPPER;
    private static final Pattern CREDENTIAL_TEXT = Pattern.compile(
            "(?i)(bearer|basic)\\s+[A-Za-z0-9._~+/=-]+|((?:secret|token|password|passwd|apikey|api_key)\\w*\\s*[=:]\\s*)"
                    + "[^\\s,;&\"}]+");

    /** Headers Quartz adds to each run: scheduler internals, of no use to support. */
    private static final Set<String> SCHEDULER_HEADERS = Set.of("calendar", "fireTime", "jobDetail", "jobInstance",
            "jobRunTime", "mergedJobDataMap", "nextFireTime", "previousFireTime", "refireCount", "result",
            "scheduledFireTime", "scheduler", "trigger", "triggerGroup", "triggerName");
    /** The traced route whose capture a remote call made on this thread goes to, while a traced step runs. */
    private static final ThreadLocal<String> ACTIVE = new ThreadLocal<>();
    private static final String CAPTURE_PROPERTY = "jesyncTraceCapture";

    private final Clock clock;
    private final int capacity;
    private final Set<String> enabled = ConcurrentHashMap.newKeySet();
    private final Map<String, Deque<ObjectNode>> captures = new ConcurrentHashMap<>();

    public RouteTracing(Clock clock, int capacity) {
        this.clock = clock;
        this.capacity = capacity;
    }

    public void enable(String routeId, boolean on) {
        if (on) {
            enabled.add(routeId);
        } else {
            enabled.remove(routeId);
        }
    }

    public boolean isEnabled(String routeId) {
        return enabled.contains(routeId);
    }

    public int capacity() {
        return capacity;
    }

    /** The captured steps of one route, oldest first. */
    public List<ObjectNode> captured(String routeId) {
        Deque<ObjectNode> capture = captures.get(routeId);
        if (capture == null) {
            return List.of();
        }
        synchronized (capture) {
            return new ArrayList<>(capture);
        }
    }

    public void clear(String routeId) {
        captures.remove(routeId);
    }

    @Override
    public Processor wrapProcessorInInterceptors(CamelContext context, NamedNode definition, Processor target,
                                                 Processor nextTarget) {
        String routeId = routeOf(definition);
        if (routeId == null) {
            return target;
        }
        String step = stepName(definition);
        return new DelegateAsyncProcessor(target) {
            @Override
            public boolean process(Exchange exchange, AsyncCallback callback) {
                String capture = enabled.contains(routeId) ? routeId
                        : exchange.getProperty(CAPTURE_PROPERTY, String.class);
                if (capture == null) {
                    return super.process(exchange, callback);
                }
                // On the exchange, which splits copy to their parts: the routes a traced flow calls are its steps too.
                exchange.setProperty(CAPTURE_PROPERTY, capture);
                record(capture, routeId, step, exchange);
                String outer = ACTIVE.get();
                ACTIVE.set(capture);
                try {
                    return super.process(exchange, callback);
                } finally {
                    ACTIVE.set(outer);
                }
            }
        };
    }

    /** The id the route gave the step, or what the step does; Camel's own numbering ({@code bean11}) says nothing. */
    static String stepName(NamedNode definition) {
        if (definition instanceof OptionalIdentifiedDefinition<?> identified && identified.hasCustomIdAssigned()) {
            return identified.getId();
        }
        return definition.getLabel();
    }

    /**
     * The client the flows call e-conomic and Norce with, recording each request and answer (masked) into the capture
     * of the traced route that makes the call; untraced calls pass straight through.
     */
    public HttpClient traced(HttpClient client) {
        return new TracedHttpClient(client, this::recordCall);
    }

    private void recordCall(ObjectNode call) {
        String capture = ACTIVE.get();
        if (capture == null) {
            return;
        }
        ObjectNode entry = MAPPER.createObjectNode().put("at", clock.instant().toString());
        entry.set("call", call);
        add(capture, entry);
    }

    /** Whether a traced route is running on this thread, so a remote call is worth capturing. */
    static boolean active() {
        return ACTIVE.get() != null;
    }

    private static String routeOf(NamedNode definition) {
        if (definition instanceof ProcessorDefinition<?> processor) {
            RouteDefinition route = ProcessorDefinitionHelper.getRoute(processor);
            return route == null ? null : route.getRouteId();
        }
        return null;
    }

    void record(String capture, String routeId, String step, Exchange exchange) {
        ObjectNode entry = MAPPER.createObjectNode();
        entry.put("at", clock.instant().toString());
        entry.put("exchangeId", exchange.getExchangeId());
        entry.put("route", routeId);
        entry.put("step", step);
        ObjectNode headers = entry.putObject("headers");
        Map<String, Object> sorted = new TreeMap<>(exchange.getMessage().getHeaders());
        sorted.forEach((name, value) -> {
            if (SCHEDULER_HEADERS.contains(name)) {
                return;
            }
            if (PayloadMasker.isSensitive(name) || name.equalsIgnoreCase("cookie")) {
                headers.put(name, PayloadMasker.MASK);
            } else if (value == null || value instanceof String || value instanceof Number || value instanceof Boolean) {
                headers.put(name, value == null ? null : maskText(String.valueOf(value)));
            }
        });
        entry.set("body", body(exchange.getMessage().getBody()));
        add(capture, entry);
    }

    private void add(String capture, ObjectNode entry) {
        Deque<ObjectNode> captured = captures.computeIfAbsent(capture, id -> new ArrayDeque<>());
        synchronized (captured) {
            captured.addLast(entry);
            while (captured.size() > capacity) {
                captured.removeFirst();
            }
        }
    }

    static JsonNode body(Object body) {
        if (body == null) {
            return MAPPER.nullNode();
        }
        if (body instanceof InputStream || body instanceof Reader || body instanceof StreamCache) {
            return MAPPER.getNodeFactory().textNode("(stream, not captured)");
        }
        if (body instanceof Number || body instanceof Boolean) {
            return MAPPER.valueToTree(body);
        }
        if (!(body instanceof String || body instanceof byte[] || body instanceof JsonNode)) {
            // A Java object's toString is neither the data nor safe to show (it may print any field).
            return MAPPER.getNodeFactory().textNode("(" + body.getClass().getSimpleName() + ")");
        }
        String text = body instanceof byte[] bytes ? new String(bytes, StandardCharsets.UTF_8)
                : body instanceof JsonNode json ? json.toString() : (String) body;
        String trimmed = text.strip();
        if (trimmed.startsWith("{") || trimmed.startsWith("[")) {
            try {
                JsonNode masked = PayloadMasker.mask(MAPPER.readTree(trimmed));
                String json = masked.toString();
                if (json.length() <= MAX_BODY) {
                    return masked;
                }
                text = json;
            } catch (java.io.IOException notJson) {
                // captured as text below
            }
        }
        String masked = maskText(text);
        return MAPPER.getNodeFactory().textNode(masked.length() > MAX_BODY
                ? masked.substring(0, MAX_BODY) + "... (" + masked.length() + " characters)" : masked);
    }

    static String maskText(String text) {
        return CREDENTIAL_TEXT.matcher(text).replaceAll(match -> match.group(2) != null
                ? java.util.regex.Matcher.quoteReplacement(match.group(2) + PayloadMasker.MASK)
                : java.util.regex.Matcher.quoteReplacement(match.group(1) + " " + PayloadMasker.MASK));
    }

    /**
     * The state of every route, for {@code GET /api/tracing}: the flows (scheduled routes, and those they call) first,
     * then the admin side's own routes, each marked with its kind.
     */
    public ArrayNode routes(CamelContext context) {
        ArrayNode list = MAPPER.createArrayNode();
        context.getRoutes().stream().map(org.apache.camel.Route::getRouteId)
                .sorted(java.util.Comparator.comparing((String id) -> !kind(id).equals("flow"))
                        .thenComparing(java.util.Comparator.naturalOrder()))
                .forEach(id -> list.addObject().put("routeId", id).put("kind", kind(id))
                        .put("enabled", enabled.contains(id)).put("captured", captured(id).size()));
        return list;
    }

    private static String kind(String routeId) {
        return routeId.startsWith("admin-") || routeId.startsWith("console") || routeId.startsWith("observe-")
                || routeId.equals("api-doc") ? "admin" : "flow";
    }
}
