package io.jesync.order;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.jesync.economic.EconomicClient;
import io.jesync.economic.ProductView;
import io.jesync.json.Json;
import io.jesync.shop.ShopOrder;
import io.jesync.shop.ShopOrderLine;

/**
 * Makes sure every article on an order exists in e-conomic before the document is sent: a priced line
 * without a real product is refused or, worse, silently booked as 0. In ecom-master and combo a missing
 * article is created from the shop's line; in erp-master the order is parked naming the article.
 *
 * <p>Existence is answered from the client's {@link ProductView} (every product any flow read or wrote), so an
 * order whose articles were seen costs no look-up. {@link #prefetch} reads the numbers a poll's orders need and the
 * view lacks with one {@code $in} batch per 200; a number still not seen is confirmed with a single GET before it is
 * created or parked for. The view cannot show a product deleted or barred after it was seen, so when e-conomic
 * refuses a document {@link #explainRejection} drops the order's articles from the view, reads them again and parks
 * the order naming the article that is gone or barred: a stale view can delay an order, never send a wrong one.
 *
 * <p>Checking and creating are two steps: {@link #check} only reads and parks, so an order that cannot be sent
 * is parked before anything (a customer, an article) is created for it; {@link #create} then writes.
 */
public final class ArticleCheck {
    private static final Logger LOG = LoggerFactory.getLogger(ArticleCheck.class);

    private static final Object[] CREATING = locks(64);

    private final EconomicClient economic;
    private final ProductView known;

    public ArticleCheck(EconomicClient economic) {
        this.economic = economic;
        this.known = economic.products();
    }

    /**
     * Reads, in batches, the articles of {@code orders} the view does not hold yet, so their checks cost nothing.
     * Only an accelerator: a failed read is logged and each order then looks its articles up itself.
     */
    public void prefetch(Collection<ShopOrder> orders) {
        Set<String> unseen = new LinkedHashSet<>();
        for (ShopOrder order : orders) {
            for (ShopOrderLine line : order.lines()) {
                String article = articleNumber(line);
                if (line.kind() == ShopOrderLine.Kind.PRODUCT && article != null && !article.isEmpty()
                        && !known.contains(article)) {
                    unseen.add(article);
                }
            }
        }
        if (unseen.isEmpty()) {
            return;
        }
        try {
            economic.findProducts(unseen);
        } catch (RuntimeException e) {
            LOG.warn("Batch look-up of {} article(s) failed ({}); each order looks its articles up itself",
                    unseen.size(), e.getMessage());
        }
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
            // Orders of one poll run side by side and may miss the same article: one creates it, the others then
            // find it instead of sending a second create e-conomic refuses. The view alone cannot tell them: a
            // look-up that began before the create and answers 404 after it takes the number out again. Creates
            // hold the lock, so a read under it sees every earlier create.
            synchronized (CREATING[Math.floorMod(article.hashCode(), CREATING.length)]) {
                if (known.contains(article) || economic.findProduct(article).isPresent()) {
                    continue;
                }
                economic.createProduct(newProduct(order, article, entry.getValue(), flow,
                        missing.groups().get(article)), "product:" + article);
            }
            created.add(article);
        }
        return created;
    }

    /**
     * e-conomic refused the order's document: when an article the view vouched for has since been deleted or barred,
     * that is the reason to park with, named. The order's articles leave the view first, so the answer is read
     * afresh and a retry checks them again instead of trusting what was seen before.
     */
    public Optional<ParkReason> explainRejection(ShopOrder order) {
        List<ShopOrderLine> all = order.lines();
        Set<String> asked = new HashSet<>();
        for (int i = 0; i < all.size(); i++) {
            String article = articleNumber(all.get(i));
            if (all.get(i).kind() != ShopOrderLine.Kind.PRODUCT || article == null || article.isEmpty()
                    || !asked.add(article)) {
                continue;
            }
            known.forget(article);
            try {
                Optional<JsonNode> product = economic.findProduct(article);
                if (product.isEmpty()) {
                    return Optional.of(Park.articleGoneFromEconomic(order.orderNo(), i, article, false).reason());
                }
                if (product.get().path("barred").asBoolean(false)) {
                    return Optional.of(Park.articleGoneFromEconomic(order.orderNo(), i, article, true).reason());
                }
            } catch (RuntimeException e) {
                // The re-check is best effort: the rejection itself is still parked with e-conomic's own words.
                LOG.warn("Order {}: re-checking article {} after e-conomic refused the document failed ({})",
                        order.orderNo(), article, e.getMessage());
                return Optional.empty();
            }
        }
        return Optional.empty();
    }

    private static ObjectNode newProduct(ShopOrder order, String article, ShopOrderLine line, OrderFlowSettings flow,
                                         int group) {
        ObjectNode product = Json.MAPPER.createObjectNode();
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

    private static Object[] locks(int count) {
        Object[] locks = new Object[count];
        Arrays.setAll(locks, i -> new Object());
        return locks;
    }
}
