package io.jesync.simulator.economic;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.jesync.simulator.Json;
import io.jesync.simulator.SimRequest;
import io.jesync.simulator.SimResponse;

/**
 * The reads of e-conomic's OpenAPI products service the stock and price flow uses, under
 * {@code /productsapi/v2.0.0/} on the simulator's own port: price groups, their special prices and the sales prices
 * in currencies. Cursor listings of up to 1000 items, {@code {items, cursor}}, no cursor on the last page. Same
 * tokens, same bucket and daily count as the REST API (the two share one budget). Writes are not simulated; the
 * control API stands in for the e-conomic user.
 */
final class ProductsApiRoutes extends RouteSupport {
    static final String BASE = "/productsapi/v2.0.0";
    static final int CURSOR_PAGE = 1000;

    ProductsApiRoutes(EconomicSimulator simulator) {
        super(simulator);
    }

    @Override
    void register() {
        simulator.api("GET", BASE + "/pricegroups", request -> store.read(() -> {
            List<Map.Entry<String, ObjectNode>> items = new ArrayList<>();
            store.priceGroups.forEach((number, name) -> {
                ObjectNode item = Json.object();
                item.put("number", number);
                item.put("name", name);
                item.put("objectVersion", "1");
                items.add(Map.entry(String.format("%010d", number), item));
            });
            return cursorPage(request, items);
        }));
        simulator.api("GET", BASE + "/pricegroups/{priceGroupNumber}/specialprices", request -> store.read(() -> {
            int group = pathNumber(request, "priceGroupNumber", "Price group");
            if (!store.priceGroups.containsKey(group)) {
                throw errors.missing("Price group " + group);
            }
            List<Map.Entry<String, ObjectNode>> items = new ArrayList<>();
            for (EconomicStore.SpecialPrice p : store.specialPrices.values()) {
                if (p.priceGroup() != group) {
                    continue;
                }
                ObjectNode item = Json.object();
                item.put("number", p.number());
                item.put("productNumber", p.productNumber());
                if (p.salesPriceBaseCurrency() != null) {
                    item.put("salesPriceBaseCurrency", p.salesPriceBaseCurrency());
                }
                if (p.discountPercentage() != null) {
                    item.put("discountPercentage", p.discountPercentage());
                }
                item.put("objectVersion", "1");
                items.add(Map.entry(String.format("%010d", p.number()), item));
            }
            return cursorPage(request, items);
        }));
        simulator.api("GET", BASE + "/salespriceincurrencies", request -> store.read(() -> {
            List<Map.Entry<String, ObjectNode>> items = new ArrayList<>();
            store.currencyPrices.forEach((product, prices) -> prices.forEach((currency, price) -> {
                ObjectNode item = Json.object();
                item.put("productNumber", product);
                item.put("currency", currency);
                item.put("salesPrice", price);
                item.put("objectVersion", "1");
                items.add(Map.entry(product + "|" + currency, item));
            }));
            return cursorPage(request, items);
        }));
    }

    /**
     * Items in key order from the cursor on. The cursor is the key of the first item of the next page (the OpenAPI paging description: "the id
     * of the first item on the next page"); for currency prices, whose id is compound, {@code product|currency} [SIM].
     */
    static SimResponse cursorPage(SimRequest request, List<Map.Entry<String, ObjectNode>> items) {
        String cursor = request.queryParam("cursor").orElse(null);
        items.sort(Map.Entry.comparingByKey());
        int from = 0;
        if (cursor != null) {
            while (from < items.size() && items.get(from).getKey().compareTo(cursor) < 0) {
                from++;
            }
        }
        int to = Math.min(items.size(), from + CURSOR_PAGE);
        ObjectNode body = Json.object();
        ArrayNode page = body.putArray("items");
        items.subList(from, to).forEach(e -> page.add(e.getValue()));
        if (to < items.size()) {
            body.put("cursor", items.get(to).getKey());
        }
        return SimResponse.json(200, body);
    }
}
