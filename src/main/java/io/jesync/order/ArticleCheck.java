package io.jesync.order;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.jesync.config.OrderFlowSettings;
import io.jesync.economic.EconomicClient;
import io.jesync.economic.model.EconomicJson;
import io.jesync.shop.ShopOrder;
import io.jesync.shop.ShopOrderLine;

/**
 * Makes sure every article on an order exists in e-conomic before the document is sent: a priced line
 * without a real product is refused or, worse, silently booked as 0. In ecom-master and combo a missing
 * article is created from the shop's line; in erp-master the order is parked naming the article. Articles
 * seen once are remembered, so a catalogue's worth of orders costs one look-up per article.
 */
public final class ArticleCheck {
    private final EconomicClient economic;
    private final Set<String> known = ConcurrentHashMap.newKeySet();

    public ArticleCheck(EconomicClient economic) {
        this.economic = economic;
    }

    /** @return the article numbers created for this order (empty when all existed) */
    public List<String> ensure(ShopOrder order, OrderFlowSettings flow) throws Exception {
        List<String> created = new ArrayList<>();
        List<ShopOrderLine> lines = order.lines();
        for (int i = 0; i < lines.size(); i++) {
            ShopOrderLine line = lines.get(i);
            if (line.kind() != ShopOrderLine.Kind.PRODUCT || line.articleNumber() == null
                    || known.contains(line.articleNumber())) {
                continue;
            }
            if (economic.findProduct(line.articleNumber()).isPresent()) {
                known.add(line.articleNumber());
                continue;
            }
            if (flow.missingArticle() == OrderFlowSettings.MissingArticle.PARK) {
                throw Park.articleNotInEconomic(order.orderNo(), i, line.articleNumber());
            }
            Integer group = flow.productGroupByVatRate().get(line.vatRate().stripTrailingZeros());
            if (group == null) {
                throw Park.noProductGroupForVat(order.orderNo(), i, line.articleNumber(), line.vatRate());
            }
            economic.createProduct(newProduct(order, line, flow, group), "product:" + line.articleNumber());
            known.add(line.articleNumber());
            created.add(line.articleNumber());
        }
        return created;
    }

    private static ObjectNode newProduct(ShopOrder order, ShopOrderLine line, OrderFlowSettings flow, int group) {
        ObjectNode product = EconomicJson.MAPPER.createObjectNode();
        product.put("productNumber", line.articleNumber());
        product.put("name", Texts.shorten(line.name() == null || line.name().isBlank() ? line.articleNumber()
                : line.name(), 300));
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
