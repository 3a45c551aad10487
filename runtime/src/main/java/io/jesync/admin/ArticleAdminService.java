package io.jesync.admin;

import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.jesync.json.Json;
import io.jesync.stock.ArticleReading;
import io.jesync.stock.ArticleSyncStore;
import io.jesync.store.ParkedItems;
import io.jesync.product.ProductStore;
import io.jesync.shop.ShopStock;
import io.jesync.stock.PriceRules;
import io.jesync.stock.ShopArticleValue;

/**
 * One article's story for support, the catalogue counterpart of an order's timeline: every product write with its
 * outcome (who wrote which fields, or why it was refused), e-conomic's last reading of stock and price, each value the
 * shop is fed (stock, every price list) with what was sent and when, and whatever of it is parked.
 */
public final class ArticleAdminService {
    private final ProductStore products;
    private final ArticleSyncStore values;
    private final ParkedItems parked;
    private final ObjectMapper mapper = Json.MAPPER;

    public ArticleAdminService(ProductStore products, ArticleSyncStore values, ParkedItems parked) {
        this.products = products;
        this.values = values;
        this.parked = parked;
    }

    public ObjectNode article(String shopId, String articleNo) {
        ObjectNode result = mapper.createObjectNode().put("shop", shopId).put("article", articleNo);
        ArrayNode writes = result.putArray("productWrites");
        for (ProductStore.TraceEntry entry : products.traceOf(shopId, articleNo)) {
            writes.addObject().put("at", entry.at().toString()).put("writer", entry.writer())
                    .put("target", entry.target()).put("outcome", entry.action()).put("fields", entry.fields())
                    .put("origin", entry.origin()).put("detail", entry.detail());
        }
        Map<String, ArticleReading> readings = values.readings(Set.of(articleNo));
        ArticleReading reading = readings.get(articleNo);
        if (reading != null) {
            ObjectNode economic = result.putObject("economicReading");
            economic.put("inStock", reading.inStock()).put("available", reading.available())
                    .put("incoming", reading.incoming()).put("salesPrice", reading.salesPrice())
                    .put("barred", reading.barred()).put("lastUpdated", reading.lastUpdated().toString());
        }
        ArrayNode shopValues = result.putArray("shopValues");
        for (ArticleSyncStore.ShopValueView value : values.valuesOf(shopId, articleNo)) {
            ObjectNode node = shopValues.addObject();
            if (value.kind().startsWith(ShopArticleValue.PRICE_PREFIX)) {
                node.put("kind", "price").put("priceList", value.kind().substring(
                        ShopArticleValue.PRICE_PREFIX.length()));
            } else {
                node.put("kind", ShopArticleValue.ONHAND.equals(value.kind()) ? "stock" : value.kind());
            }
            node.set("wanted", decoded(value.kind(), value.wanted()));
            node.set("sent", decoded(value.kind(), value.pushed()));
            node.put("waiting", value.dirty()).put("attempts", value.attempts())
                    .put("reason", value.reason()).put("economicUpdated", value.sourceUpdated().toString());
            if (value.pushedAt() != null) {
                node.put("pushedAt", value.pushedAt().toString());
            }
        }
        ArrayNode parkedItems = result.putArray("parked");
        for (ParkedItems.Item item : parked.ofArticle(shopId, articleNo)) {
            parkedItems.addObject().put("kind", item.kind()).put("key", item.key()).put("reason", item.reason())
                    .put("parkedAt", item.parkedAt().toString());
        }
        return result;
    }

    /** True when the story holds nothing: no write, no reading, no value and nothing parked for the article. */
    public static boolean isEmpty(ObjectNode story) {
        return story.path("productWrites").isEmpty() && !story.has("economicReading")
                && story.path("shopValues").isEmpty() && story.path("parked").isEmpty();
    }

    /**
     * A stored value in the words of the shop it is for: stock as on hand, incoming and lead time, a price as a
     * number or switched off. The store keeps them as canonical text ({@code 5|0|}) so equal figures compare equal;
     * that form never leaves the runtime.
     */
    private com.fasterxml.jackson.databind.JsonNode decoded(String kind, String canonical) {
        if (canonical == null) {
            return mapper.nullNode();
        }
        if (ShopArticleValue.ONHAND.equals(kind)) {
            ShopStock stock = ShopStock.parse(canonical);
            ObjectNode node = mapper.createObjectNode().put("onHand", stock.onhand()).put("incoming", stock.incoming());
            return stock.leadTimeDays() == null ? node.putNull("leadTimeDays") : node.put("leadTimeDays",
                    stock.leadTimeDays());
        }
        if (kind.startsWith(ShopArticleValue.PRICE_PREFIX)) {
            return PriceRules.INACTIVE.equals(canonical)
                    ? mapper.createObjectNode().put("active", false).putNull("price")
                    : mapper.createObjectNode().put("active", true).put("price", new java.math.BigDecimal(canonical));
        }
        if (ShopArticleValue.CUSTOMER_PRICE_LISTS.equals(kind)) {
            ArrayNode lists = mapper.createArrayNode();
            if (!ShopArticleValue.NO_PRICE_LISTS.equals(canonical)) {
                java.util.Arrays.stream(canonical.split(",")).forEach(lists::add);
            }
            return lists;
        }
        return mapper.getNodeFactory().textNode(canonical);
    }
}
