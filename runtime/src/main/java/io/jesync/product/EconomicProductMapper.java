package io.jesync.product;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.jesync.product.ProductSettings;
import io.jesync.json.Json;
import io.jesync.json.Json;

/**
 * e-conomic's product JSON to and from {@link Product}. Pure functions. e-conomic has no VAT rate on a
 * product: it is the product group's, read back through the shop's {@code vat-rate-by-group} rule.
 */
public final class EconomicProductMapper {
    /**
     * What a PUT may carry (products.productNumber.put.schema.json minus read-only fields). A PUT replaces the whole
     * product, so everything here that the shop does not own is copied from the product as read.
     */
    private static final List<String> WRITABLE = List.of("productNumber", "name", "productGroup", "description",
            "costPrice", "recommendedPrice", "salesPrice", "barCode", "barred", "unit", "departmentalDistribution",
            "inventory");
    private static final Set<String> WRITABLE_INVENTORY = Set.of("packageVolume", "recommendedCostPrice");
    private static final Set<String> REFERENCE_KEYS = Set.of("productGroupNumber", "unitNumber",
            "departmentalDistributionNumber");

    private EconomicProductMapper() {
    }

    public static Product fromEconomic(JsonNode json, ProductSettings settings) {
        Integer group = json.path("productGroup").hasNonNull("productGroupNumber")
                ? json.path("productGroup").path("productGroupNumber").asInt() : null;
        String updated = json.path("lastUpdated").asText(null);
        return new Product(
                json.path("productNumber").asText(null),
                json.path("name").asText(null),
                json.hasNonNull("salesPrice") ? json.get("salesPrice").decimalValue() : null,
                group == null ? null : settings.vatRateByGroup().get(group),
                json.path("unit").hasNonNull("unitNumber") ? json.path("unit").path("unitNumber").asInt() : null,
                json.hasNonNull("barCode") && !json.get("barCode").asText().isEmpty() ? json.get("barCode").asText()
                        : null,
                !json.path("barred").asBoolean(false),
                group,
                updated == null ? null : Instant.parse(updated));
    }

    /** The POST body of a product that e-conomic does not have yet: every field, from the source. */
    public static ObjectNode newProduct(Product product, int productGroup, ProductSettings settings) {
        ObjectNode body = Json.MAPPER.createObjectNode();
        body.put("productNumber", product.articleNumber());
        body.put("name", product.name());
        body.putObject("productGroup").put("productGroupNumber", productGroup);
        body.put("salesPrice", money(product.salesPrice() == null ? BigDecimal.ZERO : product.salesPrice()));
        body.putObject("unit").put("unitNumber", product.unitNumber() != null ? product.unitNumber()
                : settings.unitNumber());
        if (product.barcode() != null && !product.barcode().isBlank()) {
            body.put("barCode", product.barcode());
        }
        if (!product.active()) {
            body.put("barred", true);
        }
        return body;
    }

    /**
     * The PUT body: {@code existing} as e-conomic has it, with only the {@code owned} fields taken from
     * {@code product}. Read-only parts, links and nulls are dropped (e-conomic refuses null); a missing
     * {@code barred} means false on PUT, so it is written only when true.
     */
    public static ObjectNode merged(JsonNode existing, Product product, Integer productGroup,
                                    Set<ProductField> owned) {
        ObjectNode body = writable(existing);
        for (ProductField field : owned) {
            switch (field) {
                case NAME -> body.put("name", product.name());
                case SALES_PRICE -> {
                    if (product.salesPrice() != null) {
                        body.put("salesPrice", money(product.salesPrice()));
                    }
                }
                case VAT_RATE -> {
                    if (productGroup != null) {
                        body.putObject("productGroup").put("productGroupNumber", productGroup);
                    }
                }
                case UNIT -> {
                    if (product.unitNumber() != null) {
                        body.putObject("unit").put("unitNumber", product.unitNumber());
                    }
                }
                case BARCODE -> {
                    if (product.barcode() == null || product.barcode().isBlank()) {
                        body.remove("barCode");
                    } else {
                        body.put("barCode", product.barcode());
                    }
                }
                case ACTIVE -> {
                    if (product.active()) {
                        body.remove("barred");
                    } else {
                        body.put("barred", true);
                    }
                }
            }
        }
        return body;
    }

    /** The writable part of a product as read, e.g. kept in an initial sync's plan. */
    public static ObjectNode writable(JsonNode existing) {
        ObjectNode body = Json.MAPPER.createObjectNode();
        for (String name : WRITABLE) {
            JsonNode value = existing.get(name);
            if (value == null || value.isNull()) {
                continue;
            }
            if (value.isObject()) {
                ObjectNode copy = body.putObject(name);
                Set<String> keep = name.equals("inventory") ? WRITABLE_INVENTORY : REFERENCE_KEYS;
                value.fields().forEachRemaining(e -> {
                    if (keep.contains(e.getKey()) && !e.getValue().isNull()) {
                        copy.set(e.getKey(), e.getValue());
                    }
                });
                if (copy.isEmpty()) {
                    body.remove(name);
                }
            } else if (!(name.equals("barred") && !value.asBoolean())) {
                body.set(name, value);
            }
        }
        return body;
    }

    private static BigDecimal money(BigDecimal amount) {
        return amount.setScale(2, RoundingMode.HALF_UP);
    }
}
