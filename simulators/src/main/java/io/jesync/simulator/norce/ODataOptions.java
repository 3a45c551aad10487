package io.jesync.simulator.norce;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.jesync.simulator.Json;
import io.jesync.simulator.SimRequest;
import io.jesync.simulator.SimulatorException;

import static io.jesync.simulator.norce.NorceQueryApi.odataError;

/**
 * The OData system query options and the answer envelope that Query 2.0's order sets ({@link NorceQueryApi}) and
 * catalogue sets ({@link NorceProductQuery}) read and write alike: {@code $top}/{@code $skip}, {@code $orderby},
 * {@code $expand}, and the page with its {@code @odata.nextLink}.
 */
final class ODataOptions {
    private static final String INVALID = "The query specified in the URI is not valid. ";

    private ODataOptions() {
    }

    /** A non-negative whole-number option such as {@code $top}, or {@code fallback} when absent. */
    static int intOption(SimRequest request, String name, int fallback) {
        String raw = request.queryParam(name).orElse(null);
        if (raw == null) {
            return fallback;
        }
        try {
            int value = Integer.parseInt(raw.strip());
            if (value < 0) {
                throw new NumberFormatException();
            }
            return value;
        } catch (NumberFormatException e) {
            throw odataError(400, INVALID + "Invalid value '" + raw + "' for " + name);
        }
    }

    /** {@code $top}, at most a page ({@link NorceQueryApi#MAX_PAGE}) and a page when absent. */
    static int top(SimRequest request) {
        return Math.min(NorceQueryApi.MAX_PAGE, intOption(request, "$top", NorceQueryApi.MAX_PAGE));
    }

    /**
     * The {@code $filter} over {@code properties} (null: every row); one that does not parse is answered 400 with the
     * parser's words and then {@code where} (empty, or the entity type as the catalogue sets name it).
     */
    static ODataFilter.Predicate filter(String text, Set<String> properties, String where) {
        try {
            return ODataFilter.parse(text, properties);
        } catch (ODataFilter.InvalidFilterException e) {
            throw odataError(400, INVALID + e.getMessage() + where);
        }
    }

    /**
     * The {@code $orderby} comparator, with the key breaking ties so that {@code $skip} paging is stable across
     * requests. Null means the key order, which is the store's natural order, so a page needs no sort of the whole
     * set. {@code unknownProperty} answers a part (such as {@code "Name desc"}) whose property the set does not have.
     */
    @SuppressWarnings({"unchecked", "rawtypes"})
    static <T> Comparator<T> orderBy(String text, Map<String, Function<T, Object>> properties, String key,
                                     Function<String, SimulatorException> unknownProperty) {
        if (text == null || text.isBlank() || text.strip().equals(key) || text.strip().equals(key + " asc")) {
            return null;
        }
        Comparator<T> comparator = null;
        for (String part : text.split(",")) {
            String[] words = part.strip().split("\\s+");
            Function<T, Object> property = properties.get(words[0]);
            boolean descending = words.length > 1 && words[1].toLowerCase(Locale.ROOT).equals("desc");
            if (property == null) {
                throw unknownProperty.apply(part.strip());
            }
            if (words.length > 2 || (words.length == 2 && !descending && !words[1].equalsIgnoreCase("asc"))) {
                throw odataError(400, INVALID + "Cannot order by '" + part.strip() + "'");
            }
            Comparator<T> next = Comparator.comparing(row -> (Comparable) property.apply(row),
                    Comparator.nullsFirst(Comparator.naturalOrder()));
            next = descending ? next.reversed() : next;
            comparator = comparator == null ? next : comparator.thenComparing(next);
        }
        Function<T, Object> id = properties.get(key);
        return comparator.thenComparing(row -> (Comparable) id.apply(row));
    }

    /**
     * {@code $expand}: each navigation named at the top level to the text of its nested options (empty when none);
     * an unknown navigation is a 400. {@code skipEmpty} passes over empty names ({@code "Items,,Payments"}) as the
     * order set does; the catalogue sets refuse them as unknown.
     */
    static Map<String, String> expand(String raw, Set<String> navigations, String type, boolean skipEmpty) {
        Map<String, String> expand = new LinkedHashMap<>();
        if (raw == null || raw.isBlank()) {
            return expand;
        }
        int depth = 0;
        StringBuilder name = new StringBuilder();
        StringBuilder nested = new StringBuilder();
        for (char c : (raw + ",").toCharArray()) {
            if (c == '(' && depth++ == 0) {
                continue;
            }
            if (c == ')' && --depth == 0) {
                continue;
            }
            if (c == ',' && depth == 0) {
                String nav = name.toString().strip();
                if (!(skipEmpty && nav.isEmpty())) {
                    if (!navigations.contains(nav)) {
                        throw odataError(400, INVALID + "Could not find a property named '" + nav + "' on type '"
                                + type + "'.");
                    }
                    expand.put(nav, nested.toString());
                }
                name.setLength(0);
                nested.setLength(0);
            } else if (depth == 0) {
                name.append(c);
            } else {
                nested.append(c);
            }
        }
        return expand;
    }

    /**
     * One page of an entity set; {@code skip} is where this page began, so a following page continues after its
     * rows with every other query option kept.
     */
    static ObjectNode envelope(String baseUrl, SimRequest request, String namespace, String entitySet, ArrayNode rows,
                               int skip, boolean hasMore) {
        ObjectNode body = Json.object();
        body.put("@odata.context", baseUrl + NorceQueryApi.BASE + "/" + namespace + "/$metadata#" + entitySet);
        body.set("value", rows);
        if (hasMore) {
            StringBuilder link = new StringBuilder(baseUrl).append(request.path()).append('?');
            for (Map.Entry<String, List<String>> e : request.query().entrySet()) {
                if (!e.getKey().equals("$skip")) {
                    for (String v : e.getValue()) {
                        link.append(encode(e.getKey())).append('=').append(encode(v)).append('&');
                    }
                }
            }
            body.put("@odata.nextLink", link.append("$skip=").append(skip + rows.size()).toString());
        }
        return body;
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20").replace("%24", "$");
    }
}
