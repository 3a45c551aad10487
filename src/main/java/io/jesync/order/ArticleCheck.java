package io.jesync.order;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.jesync.economic.EconomicClient;
import io.jesync.economic.model.EconomicJson;
import io.jesync.shop.ShopOrder;
import io.jesync.shop.ShopOrderLine;

/**
 * Makes sure every article on an order exists in e-conomic before the document is sent: a priced line
 * without a real product is refused or, worse, silently booked as 0. In ecom-master and combo a missing
 * article is created from the shop's line; in erp-master the order is parked naming the article. Articles
 * seen once are remembered, so a catalogue's worth of orders costs one look-up per article.
 *
 * <p>Checking and creating are two steps: {@link #check} only reads and parks, so an order that cannot be sent
 * is parked before anything (a customer, an article) is created for it; {@link #create} then writes.
 */
public final class ArticleCheck {
    private final EconomicClient economic;
    private final Set<String> known = ConcurrentHashMap.newKeySet();

    public ArticleCheck(EconomicClient economic) {
        this.economic = economic;
    }

    /** The articles an order still needs created, each with the product group its VAT rate maps to. */
    public record Missing(Map<String, Integer> groups, Map<String, ShopOrderLine> lines) {
        public boolean isEmpty() {
            return lines.isEmpty();
        }
    }

    /**
     * The article number as the document, the look-up and the create all use it: without the surrounding spaces a
     * shop's back office lets through, since e-conomic would keep them as part of the number.
     */
    static String articleNumber(ShopOrderLine line) {
        return line.articleNumber() == null ? null : line.articleNumber().strip();
    }

    /** Looks every article up, and parks the order for one that is missing and may not (or cannot) be created. */
    public Missing check(ShopOrder order, OrderFlowSettings flow) throws Exception {
        Map<String, Integer> groups = new LinkedHashMap<>();
        Map<String, ShopOrderLine> lines = new LinkedHashMap<>();
        List<ShopOrderLine> all = order.lines();
        for (int i = 0; i < all.size(); i++) {
            ShopOrderLine line = all.get(i);
            String article = articleNumber(line);
            if (line.kind() != ShopOrderLine.Kind.PRODUCT || article == null || article.isEmpty()
                    || known.contains(article) || lines.containsKey(article)) {
                continue;
            }
            if (economic.findProduct(article).isPresent()) {
                known.add(article);
                continue;
            }
            if (flow.missingArticle() == OrderFlowSettings.MissingArticle.PARK) {
                throw Park.articleNotInEconomic(order.orderNo(), i, article);
            }
            Integer group = flow.productGroupByVatRate().get(line.vatRate().stripTrailingZeros());
            if (group == null) {
                throw Park.noProductGroupForVat(order.orderNo(), i, article, line.vatRate());
            }
            groups.put(article, group);
            lines.put(article, line);
        }
        return new Missing(groups, lines);
    }

    /** @return the article numbers created for this order (empty when all existed) */
    public List<String> create(ShopOrder order, OrderFlowSettings flow, Missing missing) throws Exception {
        List<String> created = new ArrayList<>();
        for (Map.Entry<String, ShopOrderLine> entry : missing.lines().entrySet()) {
            String article = entry.getKey();
            economic.createProduct(newProduct(order, article, entry.getValue(), flow, missing.groups().get(article)),
                    "product:" + article);
            known.add(article);
            created.add(article);
        }
        return created;
    }

    private static ObjectNode newProduct(ShopOrder order, String article, ShopOrderLine line, OrderFlowSettings flow,
                                         int group) {
        ObjectNode product = EconomicJson.MAPPER.createObjectNode();
        product.put("productNumber", article);
        product.put("name", Texts.shorten(line.name() == null || line.name().isBlank() ? article
                : line.name().strip(), 300));
        product.putObject("productGroup").put("productGroupNumber", group);
        if (order.currency().equalsIgnoreCase(flow.mapping().baseCurrency())) {
            // e-conomic's sales price is in the base currency; a foreign-currency order leaves it unset.
            product.put("salesPrice", line.unitPriceExVat().setScale(2, RoundingMode.HALF_UP));
        } else {
            product.put("salesPrice", BigDecimal.ZERO.setScale(2));
        }
        return product;
    }
}
