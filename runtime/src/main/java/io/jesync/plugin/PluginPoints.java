package io.jesync.plugin;

import java.io.IOException;
import java.lang.reflect.Type;
import java.util.List;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Calls the plugins on an extension point and checks what they answer. With no plugin on a point the value goes
 * straight back: no JSON is made. Otherwise the body is {@code {"point", "item", <field>: value, ...context}}; each
 * plugin gets the previous one's answer, may change only what {@link PluginPoint#mayChange()} lists, and its answer
 * must still read as the value's type. A plugin that throws, answers {@code {"park": "why"}} or breaks a rule raises
 * {@link PluginException}, which the flow turns into a park before anything was written.
 */
public final class PluginPoints {
    private static final Logger LOG = LoggerFactory.getLogger(PluginPoints.class);

    /** No plugins: the flows run exactly as without this class. */
    public static final PluginPoints NONE = new PluginPoints(PluginRoutes.NONE);

    private final PluginRoutes routes;

    public PluginPoints(PluginRoutes routes) {
        this.routes = routes;
    }

    /** The plugins on {@code point} now, in calling order. */
    public List<Plugin> on(PluginPoint point) {
        return routes.on(point);
    }

    /**
     * Runs the point's plugins on {@code value}.
     *
     * @param item    the item the flow works on, e.g. {@code se/1209002}; in the body and in messages
     * @param type    the value's type, e.g. {@code ShopOrder.class}, or a generic type for lists
     * @param context read-only companions of the value (e.g. the shop order beside the document)
     * @return the value as the last plugin left it, or {@code value} itself when no plugin is on the point
     * @throws PluginException a plugin failed or broke the point's rules
     */
    public <T> T apply(PluginPoint point, String item, T value, Type type, Map<String, ?> context) {
        List<Plugin> plugins = routes.on(point);
        if (plugins.isEmpty()) {
            return value;
        }
        JavaType javaType = PluginJson.MAPPER.constructType(type);
        ObjectNode body = PluginJson.MAPPER.createObjectNode();
        body.put("point", point.key());
        body.put("item", item);
        body.set(point.field(), PluginJson.MAPPER.valueToTree(value));
        context.forEach((key, companion) -> body.set(key, PluginJson.MAPPER.valueToTree(companion)));
        T result = value;
        for (Plugin plugin : plugins) {
            JsonNode answer = answer(plugin, point, item, body);
            if (point.mayChange().isEmpty()) {
                continue;
            }
            for (String path : PluginJson.changedPaths(body, answer)) {
                if (point.mayChange().stream().noneMatch(allowed -> PluginJson.allows(allowed, path))) {
                    throw new PluginException(plugin, point, "changed " + path + ", which it may not change here"
                            + " (it may change " + String.join(", ", point.mayChange()) + ")");
                }
            }
            try {
                result = PluginJson.MAPPER.convertValue(answer.get(point.field()), javaType);
            } catch (IllegalArgumentException e) {
                throw new PluginException(plugin, point, "answered a " + point.field() + " that cannot be read: "
                        + firstLine(e.getMessage()));
            }
            if (result == null) {
                throw new PluginException(plugin, point, "answered without " + point.field());
            }
            body.set(point.field(), answer.get(point.field()));
        }
        return result;
    }

    private JsonNode answer(Plugin plugin, PluginPoint point, String item, ObjectNode body) {
        Object reply;
        try {
            reply = routes.call(plugin, point, item, PluginJson.MAPPER.convertValue(body, Map.class));
        } catch (Exception e) {
            LOG.warn("Plugin {} on {} failed for {}: {}", plugin.label(), point.endpoint(), item, describe(e));
            throw new PluginException(plugin, point, "failed: " + describe(e));
        }
        JsonNode answer;
        try {
            answer = reply instanceof String text ? PluginJson.MAPPER.readTree(text)
                    : reply instanceof byte[] bytes ? PluginJson.MAPPER.readTree(bytes)
                    : PluginJson.MAPPER.valueToTree(reply);
        } catch (IOException | IllegalArgumentException e) {
            throw new PluginException(plugin, point, "answered something that is not JSON: " + firstLine(e.getMessage()));
        }
        if (answer == null || !answer.isObject()) {
            throw new PluginException(plugin, point, "answered " + (answer == null || answer.isNull() ? "nothing"
                    : "a JSON " + answer.getNodeType().name().toLowerCase(java.util.Locale.ROOT))
                    + " instead of the body object");
        }
        if (answer.hasNonNull("park")) {
            throw new PluginException(plugin, point, "parked it: " + answer.get("park").asText());
        }
        return answer;
    }

    private static String describe(Throwable e) {
        Throwable cause = e;
        while (cause.getCause() != null && cause.getCause() != cause && cause.getMessage() == null) {
            cause = cause.getCause();
        }
        String message = cause.getMessage();
        return message == null ? cause.getClass().getSimpleName() : firstLine(message);
    }

    private static String firstLine(String message) {
        return message == null ? "" : message.lines().findFirst().orElse("").strip();
    }
}
