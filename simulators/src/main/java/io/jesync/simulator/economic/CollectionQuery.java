package io.jesync.simulator.economic;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;

import io.jesync.simulator.Json;
import io.jesync.simulator.SimRequest;
import io.jesync.simulator.SimulatorException;

/**
 * Paging, filtering and sorting of one collection request, and the collection envelope.
 * Items arrive in the resource's default order; only the requested page is rendered, so large collections
 * stay cheap when unfiltered.
 */
final class CollectionQuery {
    static final int DEFAULT_PAGE_SIZE = 20;
    static final int MAX_PAGE_SIZE = 1000;

    private final int skipPages;
    private final int pageSize;
    private final String filterText;
    private final EconomicFilter filter;
    private final String sortText;

    private CollectionQuery(int skipPages, int pageSize, String filterText, EconomicFilter filter, String sortText) {
        this.skipPages = skipPages;
        this.pageSize = pageSize;
        this.filterText = filterText;
        this.filter = filter;
        this.sortText = sortText;
    }

    /** Reads the query; bad paging, filters or sorts raise the matching 400. */
    static CollectionQuery of(SimRequest request, Set<String> filterable, EconomicErrors errors) {
        int pageSize = intParam(request, "pagesize", DEFAULT_PAGE_SIZE, errors);
        if (pageSize < 1 || pageSize > MAX_PAGE_SIZE) {
            throw errors.invalid("pagesize", EconomicErrors.PAGE_SIZE,
                    "pagesize must be between 1 and " + MAX_PAGE_SIZE + ".", IntNode.valueOf(pageSize));
        }
        int skipPages = intParam(request, "skippages", 0, errors);
        if (skipPages < 0) {
            throw errors.invalid("skippages", EconomicErrors.OUT_OF_RANGE, "skippages cannot be negative.",
                    IntNode.valueOf(skipPages));
        }
        List<String> allowed = List.copyOf(new TreeSet<>(filterable));
        String filterText = request.queryParamIgnoreCase("filter").filter(f -> !f.isEmpty()).orElse(null);
        EconomicFilter filter = null;
        if (filterText != null) {
            try {
                filter = EconomicFilter.parse(filterText, filterable);
            } catch (EconomicFilter.FilterException e) {
                throw new SimulatorException(errors.badFilter(e.problems(), allowed));
            }
        }
        String sortText = request.queryParamIgnoreCase("sort").filter(s -> !s.isEmpty()).orElse(null);
        if (sortText != null) {
            for (String key : sortText.split(",")) {
                if (!filterable.contains(key.replaceFirst("^[-~]+", ""))) {
                    throw new SimulatorException(errors.badRequest("Could not parse query string sort parameter.",
                            "Sort on one of the filterable properties: " + String.join(", ", allowed) + "."));
                }
            }
        }
        return new CollectionQuery(skipPages, pageSize, filterText, filter, sortText);
    }

    private static int intParam(SimRequest request, String name, int fallback, EconomicErrors errors) {
        String raw = request.queryParamIgnoreCase(name).orElse(null);
        if (raw == null || raw.isEmpty()) {
            return fallback;
        }
        try {
            return Integer.parseInt(raw.trim());
        } catch (NumberFormatException e) {
            String code = name.equals("pagesize") ? EconomicErrors.PAGE_SIZE : EconomicErrors.WRONG_TYPE;
            throw errors.invalid(name, code, name + " must be an integer.", TextNode.valueOf(raw));
        }
    }

    /**
     * @param items  all items in default order
     * @param fields property lookup by dotted name, for filters and sorts
     * @param render the JSON of one item as the collection shows it
     */
    <T> ObjectNode page(List<T> items, Function<T, Function<String, JsonNode>> fields, Function<T, JsonNode> render,
                        String selfUrl) {
        List<T> selected = items;
        if (filter != null) {
            selected = new ArrayList<>();
            for (T item : items) {
                if (filter.matches(fields.apply(item))) {
                    selected.add(item);
                }
            }
        }
        if (sortText != null) {
            selected = new ArrayList<>(selected);
            selected.sort(comparator(fields));
        }
        long from = (long) skipPages * pageSize;
        ArrayNode collection = Json.array();
        for (long i = from; i < Math.min(selected.size(), from + pageSize); i++) {
            collection.add(render.apply(selected.get((int) i)));
        }
        int lastPage = selected.isEmpty() ? 0 : (selected.size() - 1) / pageSize;
        ObjectNode pagination = Json.object();
        pagination.put("maxPageSizeAllowed", MAX_PAGE_SIZE);
        pagination.put("skipPages", skipPages);
        pagination.put("pageSize", pageSize);
        pagination.put("results", selected.size());
        pagination.put("resultsWithoutFilter", items.size());
        pagination.put("firstPage", link(selfUrl, 0));
        if (skipPages < lastPage) {
            pagination.put("nextPage", link(selfUrl, skipPages + 1));
        }
        pagination.put("lastPage", link(selfUrl, lastPage));
        ObjectNode envelope = Json.object();
        envelope.set("collection", collection);
        envelope.set("pagination", pagination);
        envelope.put("self", selfUrl);
        return envelope;
    }

    private String link(String selfUrl, int page) {
        StringBuilder url = new StringBuilder(selfUrl).append("?skippages=").append(page).append("&pagesize=")
                .append(pageSize);
        if (filterText != null) {
            url.append("&filter=").append(URLEncoder.encode(filterText, StandardCharsets.UTF_8));
        }
        if (sortText != null) {
            url.append("&sort=").append(URLEncoder.encode(sortText, StandardCharsets.UTF_8));
        }
        return url.toString();
    }

    private <T> Comparator<T> comparator(Function<T, Function<String, JsonNode>> fields) {
        Comparator<T> result = null;
        for (String key : sortText.split(",")) {
            boolean descending = key.startsWith("-");
            String bare = key.replaceFirst("^[-~]+", "");
            boolean alphabetic = key.contains("~");
            Comparator<T> next = (a, b) -> compareValues(fields.apply(a).apply(bare), fields.apply(b).apply(bare),
                    alphabetic);
            if (descending) {
                next = next.reversed();
            }
            result = result == null ? next : result.thenComparing(next);
        }
        return result;
    }

    private static int compareValues(JsonNode a, JsonNode b, boolean alphabetic) {
        boolean aAbsent = a == null || a.isNull();
        boolean bAbsent = b == null || b.isNull();
        if (aAbsent || bAbsent) {
            return Boolean.compare(!aAbsent, !bAbsent);
        }
        if (!alphabetic && a.isNumber() && b.isNumber()) {
            return a.decimalValue().compareTo(b.decimalValue());
        }
        return a.asText().toLowerCase(Locale.ROOT).compareTo(b.asText().toLowerCase(Locale.ROOT));
    }
}
