package io.jesync.order;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

import io.jesync.shop.IncomingOrder;
import io.jesync.plugin.PluginJson;
import io.jesync.shop.ShopOrder;

/**
 * The read-only companions the order points hand their plugins: the order as the shop platform sent it
 * ({@code shopOrder}, e.g. Norce's {@code Infos}), the platform-neutral order beside the document, and what
 * e-conomic created.
 */
final class OrderPlugins {
    private OrderPlugins() {
    }

    static Map<String, Object> readContext(IncomingOrder incoming) {
        Map<String, Object> context = new LinkedHashMap<>();
        raw(incoming).ifPresent(raw -> context.put("shopOrder", raw));
        return context;
    }

    static Map<String, Object> documentContext(ShopOrder order, IncomingOrder incoming) {
        Map<String, Object> context = new LinkedHashMap<>();
        context.put("order", order);
        raw(incoming).ifPresent(raw -> context.put("shopOrder", raw));
        return context;
    }

    static Map<String, Object> createdContext(ShopOrder order, String collection, int number) {
        return Map.of("order", order, "economic", Map.of("collection", collection, "number", number));
    }

    private static java.util.Optional<Object> raw(IncomingOrder incoming) {
        if (incoming.rawJson() == null) {
            return java.util.Optional.empty();
        }
        try {
            return java.util.Optional.of(PluginJson.MAPPER.readTree(incoming.rawJson()));
        } catch (IOException e) {
            // Not JSON (a platform that sends something else): the plugins get the neutral order only.
            return java.util.Optional.empty();
        }
    }
}
