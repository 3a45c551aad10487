package io.jesync.plugin;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.PropertyAccessor;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.jesync.json.Json;

/**
 * The JSON form of plugin bodies: {@link Json#MAPPER}'s numbers and java.time (amounts read as BigDecimal and
 * written plain, instants as ISO-8601 text), plus what a plugin contract needs beyond it: nulls left out, records by
 * their components, unknown fields refused (a misspelt field in a plugin's answer must not vanish silently).
 */
public final class PluginJson {
    public static final ObjectMapper MAPPER = Json.MAPPER.rebuild()
            .serializationInclusion(JsonInclude.Include.NON_NULL)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            // The records' components only: helpers such as ShopParty.isGuest() are no part of the body.
            .visibility(PropertyAccessor.ALL, JsonAutoDetect.Visibility.NONE)
            .visibility(PropertyAccessor.FIELD, JsonAutoDetect.Visibility.ANY)
            .build();

    private PluginJson() {
    }

    /**
     * The paths where {@code after} differs from {@code before}: a leaf that changed, appeared or went, or an array
     * whose length changed. Numbers compare by value and a missing field equals null, since a plugin's answer may
     * have gone through maps and text on the way.
     */
    public static List<String> changedPaths(JsonNode before, JsonNode after) {
        List<String> changed = new ArrayList<>();
        diff("", before, after, changed);
        return changed;
    }

    private static void diff(String path, JsonNode a, JsonNode b, List<String> out) {
        boolean aEmpty = a == null || a.isNull() || a.isMissingNode();
        boolean bEmpty = b == null || b.isNull() || b.isMissingNode();
        if (aEmpty || bEmpty) {
            if (aEmpty != bEmpty) {
                out.add(path);
            }
            return;
        }
        if (a.isObject() && b.isObject()) {
            Set<String> keys = new LinkedHashSet<>();
            a.fieldNames().forEachRemaining(keys::add);
            b.fieldNames().forEachRemaining(keys::add);
            for (String key : keys) {
                diff(path.isEmpty() ? key : path + "." + key, a.get(key), b.get(key), out);
            }
        } else if (a.isArray() && b.isArray() && a.size() == b.size()) {
            for (int i = 0; i < a.size(); i++) {
                diff(path + "[" + i + "]", a.get(i), b.get(i), out);
            }
        } else if (a.isNumber() && b.isNumber()) {
            if (a.decimalValue().compareTo(b.decimalValue()) != 0) {
                out.add(path);
            }
        } else if (!a.equals(b)) {
            out.add(path);
        }
    }

    /** Whether {@code path} is {@code allowed} or below it; {@code [*]} in {@code allowed} is any index. */
    public static boolean allows(String allowed, String path) {
        String pattern = java.util.regex.Pattern.quote(allowed).replace("[*]", "\\E\\[\\d+\\]\\Q");
        return path.matches(pattern + "([.\\[].*)?");
    }
}
