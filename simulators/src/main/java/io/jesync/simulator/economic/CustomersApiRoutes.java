package io.jesync.simulator.economic;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.jesync.simulator.Json;

/**
 * The read of e-conomic's OpenAPI customers service the stock and price flow uses: the cursor listing of
 * customers under {@code /customersapi/v3.1.0/customers}, with the OpenAPI model's {@code priceGroupNumber}, which
 * REST does not show. Same tokens, bucket and daily count as REST; the fields beyond the ones the runtime reads
 * are a subset of the OpenAPI model [SIM].
 */
final class CustomersApiRoutes extends RouteSupport {
    static final String BASE = "/customersapi/v3.1.0";

    CustomersApiRoutes(EconomicSimulator simulator) {
        super(simulator);
    }

    @Override
    void register() {
        simulator.api("GET", BASE + "/customers", request -> store.read(() -> {
            List<Map.Entry<String, ObjectNode>> items = new ArrayList<>();
            store.customers.forEach((number, customer) -> {
                ObjectNode item = Json.object();
                item.put("customerNumber", number);
                item.put("name", customer.path("name").asText());
                item.put("currency", customer.path("currency").asText());
                JsonNode group = customer.path("customerGroup").path("customerGroupNumber");
                if (group.canConvertToInt()) {
                    item.put("customerGroupNumber", group.asInt());
                }
                Integer priceGroup = store.customerPriceGroups.get(number);
                if (priceGroup != null) {
                    item.put("priceGroupNumber", priceGroup);
                }
                item.put("objectVersion", "1");
                items.add(Map.entry(String.format("%010d", number), item));
            });
            return ProductsApiRoutes.cursorPage(request, items);
        }));
    }
}
