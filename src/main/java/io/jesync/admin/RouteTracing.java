package io.jesync.admin;

import java.io.InputStream;
import java.io.Reader;
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
 * Route tracing for support, switched on per route: while on, every step of the route records the message it is
 * given (body and headers) into a bounded capture of the last N messages per route, which the admin API returns.
 * What is captured is masked the way stored payloads are: credential-named headers and JSON fields are dropped or
 * masked, credentials in plain text ({@code Bearer ...}, {@code password=...}) are replaced, streams are not read
 * (reading would consume them), and bodies are cut at {@value #MAX_BODY} characters. Off, a step costs one map
 * look-up.
 */
public final class RouteTracing implements InterceptStrategy {
    static final int MAX_BODY = 4000;
    private static final ObjectMapper MAPPER = Json.MAPPER;
    private static final Pattern CREDENTIAL_TEXT = Pattern.compile(
            "(?i)(bearer|basic)\\s+[A-Za-z0-9._~+/=-]+|((?:secret|token|password|passwd|apikey|api_key)\\w*\\s*[=:]\\s*)"
                    + "[^\\s,;&\"}]+");

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
        String node = definition.getId();
        String label = definition.getLabel();
        return new DelegateAsyncProcessor(target) {
            @Override
            public boolean process(Exchange exchange, AsyncCallback callback) {
                if (enabled.contains(routeId)) {
                    record(routeId, node, label, exchange);
                }
                return super.process(exchange, callback);
            }
        };
    }

    private static String routeOf(NamedNode definition) {
        if (definition instanceof ProcessorDefinition<?> processor) {
            RouteDefinition route = ProcessorDefinitionHelper.getRoute(processor);
            return route == null ? null : route.getRouteId();
        }
        return null;
    }

    void record(String routeId, String node, String label, Exchange exchange) {
        ObjectNode step = MAPPER.createObjectNode();
        step.put("at", clock.instant().toString());
        step.put("exchangeId", exchange.getExchangeId());
        step.put("node", node);
        step.put("step", label);
        ObjectNode headers = step.putObject("headers");
        Map<String, Object> sorted = new TreeMap<>(exchange.getMessage().getHeaders());
        sorted.forEach((name, value) -> {
            if (PayloadMasker.isSensitive(name) || name.equalsIgnoreCase("cookie")) {
                headers.put(name, PayloadMasker.MASK);
            } else if (value == null || value instanceof String || value instanceof Number || value instanceof Boolean) {
                headers.put(name, value == null ? null : maskText(String.valueOf(value)));
            } else {
                headers.put(name, "(" + value.getClass().getSimpleName() + ")");
            }
        });
        step.set("body", body(exchange.getMessage().getBody()));
        Deque<ObjectNode> capture = captures.computeIfAbsent(routeId, id -> new ArrayDeque<>());
        synchronized (capture) {
            capture.addLast(step);
            while (capture.size() > capacity) {
                capture.removeFirst();
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
        String text = body instanceof byte[] bytes ? new String(bytes, StandardCharsets.UTF_8)
                : body instanceof JsonNode json ? json.toString() : String.valueOf(body);
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

    /** The state of every route, for {@code GET /api/tracing}. */
    public ArrayNode routes(CamelContext context) {
        ArrayNode list = MAPPER.createArrayNode();
        context.getRoutes().stream().map(org.apache.camel.Route::getRouteId).sorted().forEach(id -> list.addObject()
                .put("routeId", id).put("enabled", enabled.contains(id)).put("captured", captured(id).size()));
        return list;
    }
}
