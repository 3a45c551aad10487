package io.jesync.plugin;

import java.util.List;

/**
 * Every place in the standard flows where plugin routes are called, with the part of the body a plugin may change.
 * A plugin listens on {@code direct:plugin-<name>} (one plugin) or {@code direct:plugin-<name>.<anything>} (several
 * on one point); docs/plugins.md describes each body. Paths are dotted JSON paths; {@code [*]} is any array element;
 * a path allows everything below it.
 */
public enum PluginPoint {
    /** After the shop order is read, before anything else: fix or enrich it (money changes keep the totals check). */
    ORDER_READ("order-read", "order", List.of("order.buyer", "order.shipTo", "order.lines", "order.orderDiscountExVat",
            "order.totalIncVat", "order.paymentMethod", "order.currency")),
    /** Before the e-conomic customer is matched or created: the buyer it is matched and created from. */
    CUSTOMER("customer", "order", List.of("order.buyer")),
    /** After the e-conomic document is built, before anything is written: texts, layout, payment terms. */
    ORDER_DOCUMENT("order-document", "document", List.of("document.notes", "document.layout",
            "document.paymentTerms", "document.delivery", "document.lines[*].description")),
    /** After e-conomic created the document: anything extra; the body is read-only. */
    ORDER_CREATED("order-created", "document", List.of()),
    /** When an e-conomic event is seen for an order: which shop actions follow. */
    STATUS_EVENT("status-event", "actions", List.of("actions")),
    /** After a product is mapped, in either direction, before it is compared and written. */
    PRODUCT_MAPPED("product-mapped", "product", List.of("product.name", "product.salesPrice", "product.unitNumber",
            "product.barcode", "product.active", "product.productGroup")),
    /** After an article's stock for one shop is worked out from e-conomic, before it is queued for the shop. */
    STOCK_MAPPED("stock-mapped", "stock", List.of("stock.onhand", "stock.incoming", "stock.leadTimeDays")),
    /** After an article's price in one shop price list is worked out from e-conomic, before it is queued. */
    PRICE_MAPPED("price-mapped", "price", List.of("price.amount"));

    private final String key;
    private final String field;
    private final List<String> mayChange;

    PluginPoint(String key, String field, List<String> mayChange) {
        this.key = key;
        this.field = field;
        this.mayChange = mayChange;
    }

    /** The point's name, e.g. {@code order-document}. */
    public String key() {
        return key;
    }

    /** The endpoint a single plugin listens on, e.g. {@code direct:plugin-order-document}. */
    public String endpoint() {
        return "direct:plugin-" + key;
    }

    /** The body field holding what the point hands back to the flow. */
    public String field() {
        return field;
    }

    public List<String> mayChange() {
        return mayChange;
    }
}
