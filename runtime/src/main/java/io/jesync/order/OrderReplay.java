package io.jesync.order;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.jesync.shop.IncomingOrder;
import io.jesync.json.Json;
import io.jesync.economic.model.EconomicDocument;
import io.jesync.plugin.PluginException;
import io.jesync.plugin.PluginJson;
import io.jesync.plugin.PluginPoint;
import io.jesync.plugin.PluginPoints;
import io.jesync.shop.ShopOrder;
import io.jesync.shop.ShopOrderPort;
import io.jesync.order.LedgerEntry;
import io.jesync.order.OrderLedger;

/**
 * What the order flow would send for an order now: the order read afresh from the shop (a read, nothing else), the
 * standard mapping and the plugins before sending (order-read, customer, order-document), compared with what was
 * sent. Nothing is written anywhere: no customer, article or document in e-conomic, no write-back to the shop, no
 * ledger change. The customer is the one the order was sent to; an order never sent shows customer 0.
 */
public final class OrderReplay {
    private final RuntimeSettings settings;
    private final OrderLedger ledger;
    private final ShopOrderPort shop;
    private final PluginPoints plugins;

    public OrderReplay(RuntimeSettings settings, OrderLedger ledger, ShopOrderPort shop, PluginPoints plugins) {
        this.settings = settings;
        this.ledger = ledger;
        this.shop = shop;
        this.plugins = plugins;
    }

    /**
     * @param document    the document that would be sent; null when the order would be parked
     * @param parked      why the order would be parked; null when it would be sent
     * @param sent        what was sent for it; null when nothing was
     * @param differences one line per changed field, {@code path: sent → now}
     */
    public record Result(String item, JsonNode document, String parked, JsonNode sent, List<String> differences) {

        public ObjectNode toJson() {
            ObjectNode json = Json.MAPPER.createObjectNode();
            json.put("order", item);
            json.set("document", document);
            json.put("parked", parked);
            json.set("sent", sent);
            json.set("differences", Json.MAPPER.valueToTree(differences));
            return json;
        }
    }

    /** @throws IllegalArgumentException the order or shop is unknown, or the shop no longer has the order */
    public Result replay(String shopId, String orderNo) throws Exception {
        ShopSettings shopSettings = settings.shops().stream().filter(s -> s.id().equals(shopId)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no shop '" + shopId + "' in the settings"));
        LedgerEntry entry = ledger.find(shopId, orderNo).orElseThrow(() -> new IllegalArgumentException(
                "order " + shopId + "/" + orderNo + " is not in the store (the flow has not read it yet)"));
        if (entry.platformOrderId() == null) {
            throw new IllegalArgumentException("order " + shopId + "/" + orderNo + " has no shop id recorded");
        }
        IncomingOrder incoming = shop.refetch(shopSettings, Integer.parseInt(entry.channel()),
                entry.platformOrderId()).orElseThrow(() -> new IllegalArgumentException("order " + shopId + "/"
                + orderNo + " is no longer in the shop"));
        String item = shopId + "/" + orderNo;
        JsonNode sent = entry.payload() == null ? null : Json.MAPPER.readTree(entry.payload());
        if (incoming.problem() != null) {
            return new Result(item, null, Park.unreadableOrder(orderNo, incoming.problem().field(),
                    incoming.problem().problem()).reason().message(), sent, List.of());
        }
        OrderMappingSettings mapping = shopSettings.orders().mapping();
        int customer = sent == null ? 0 : sent.path("customer").path("customerNumber").asInt(0);
        EconomicDocument document;
        try {
            ShopOrder order = plugins.apply(PluginPoint.ORDER_READ, item, incoming.order(), ShopOrder.class,
                    OrderPlugins.readContext(incoming));
            order = plugins.apply(PluginPoint.CUSTOMER, item, order, ShopOrder.class, Map.of());
            document = plugins.apply(PluginPoint.ORDER_DOCUMENT, item, OrderMapper.toDocument(order, customer,
                    mapping), EconomicDocument.class, OrderPlugins.documentContext(order, incoming));
        } catch (OrderMappingException e) {
            return new Result(item, null, e.reason().message(), sent, List.of());
        } catch (PluginException e) {
            return new Result(item, null, Park.plugin(orderNo, e).reason().message(), sent, List.of());
        }
        JsonNode now = Json.MAPPER.valueToTree(document);
        return new Result(item, now, null, sent, sent == null ? List.of() : differences(sent, now));
    }

    private static List<String> differences(JsonNode sent, JsonNode now) {
        List<String> lines = new ArrayList<>();
        for (String path : PluginJson.changedPaths(sent, now)) {
            lines.add(path + ": " + show(at(sent, path)) + " → " + show(at(now, path)));
        }
        return lines;
    }

    private static Optional<JsonNode> at(JsonNode root, String path) {
        JsonNode node = root.at("/" + path.replace(".", "/").replaceAll("\\[(\\d+)]", "/$1"));
        return node.isMissingNode() || node.isNull() ? Optional.empty() : Optional.of(node);
    }

    private static String show(Optional<JsonNode> node) {
        return node.map(n -> n.isValueNode() ? n.asText() : n.toString()).orElse("(none)");
    }
}
