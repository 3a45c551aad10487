package io.jesync.shop.norce;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashSet;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.jesync.product.ProductSettings;
import io.jesync.shop.ShopProduct;
import io.jesync.shop.ShopProduct.Field;

/**
 * Query 2.0's {@code Products/ProductSkus} row to {@link ShopProduct}, and {@link ShopProduct} to one item of
 * Connect's {@code Product/ImportProducts} with the header that lists exactly the fields the item carries. Pure
 * functions; the field names are Connect's enum names (ProductField, VariantField, SkuField, ProductCultureField,
 * SkuPriceListField).
 */
public final class NorceProductMapper {
    /** SkuStatus 1 Active, 2 Coming, 3 Expiring are sellable; 4 Hidden, 5 Inactive, 6 NotActivated are not. */
    private static final Set<Integer> SELLABLE = Set.of(1, 2, 3);

    private NorceProductMapper() {
    }

    /**
     * @param priceListId the tenant's id of the price list whose {@code PriceSale} is the SKU's sales price; null
     *                    when the tenant has none, and the SKU then has no price
     */
    public static ShopProduct fromSku(JsonNode sku, Integer priceListId) {
        BigDecimal price = null;
        for (JsonNode row : sku.path("PriceLists")) {
            if (priceListId != null && row.path("PriceListId").asInt() == priceListId
                    && row.path("QtyBreak").asInt(1) == 1 && row.path("IsActive").asBoolean(true)) {
                price = decimal(row, "PriceSale");
            }
        }
        Instant updated = instant(text(sku, "Updated"));
        return new ShopProduct(text(sku, "PartNo"), text(sku, "ErpName"), price, decimal(sku, "VatRate"),
                text(sku, "EanCode"), SELLABLE.contains(sku.path("StatusId").asInt(1)),
                updated != null ? updated : instant(text(sku, "Created")));
    }

    /**
     * The SkuFields one item carries: a new SKU every field it has a value for (an empty barcode goes as null),
     * an existing one only the fields asked for, and no price or VAT rate it has no value for, since a listed field
     * without a value would be cleared.
     */
    public static Set<String> skuFields(ShopProduct product, boolean create, Set<Field> fields) {
        Set<String> sku = new LinkedHashSet<>();
        if (create) {
            sku.add("Type");
        }
        if (create || fields.contains(Field.ACTIVE)) {
            sku.add("Status");
        }
        if (create || fields.contains(Field.BARCODE)) {
            sku.add("EanCode");
        }
        if ((create || fields.contains(Field.VAT_RATE)) && product.vatRate() != null) {
            sku.add("VatRate");
        }
        if ((create || fields.contains(Field.SALES_PRICE)) && product.salesPrice() != null
                && product.salesPrice().signum() != 0) {
            sku.add("StandardPrice");
        }
        return sku;
    }

    /** Whether the item carries the product's name (ProductField Cultures, ProductCultureField Name). */
    public static boolean carriesName(boolean create, Set<Field> fields) {
        return create || fields.contains(Field.NAME);
    }

    /**
     * One ImportProducts item carrying the {@code skuFields} of the SKU. A new product also carries what Norce
     * needs to create it (ManufacturerCode, Code, the variant's ManufacturerPartNo); an existing SKU is matched by
     * PartNo alone.
     */
    public static ObjectNode importItem(ShopProduct product, boolean create, boolean name, Set<String> skuFields,
                                        ProductSettings settings) {
        ObjectNode item = JsonNodeFactory.instance.objectNode();
        if (create) {
            item.put("ManufacturerCode", settings.manufacturerCode());
            item.put("Code", product.articleNumber());
        }
        if (name) {
            item.putArray("Cultures").addObject().put("CultureCode", settings.culture()).put("Name", product.name());
        }
        ObjectNode variant = item.putArray("Variants").addObject();
        if (create) {
            variant.put("ManufacturerPartNo", product.articleNumber());
        }
        ObjectNode sku = variant.putArray("Skus").addObject();
        sku.put("PartNo", product.articleNumber());
        for (String field : skuFields) {
            switch (field) {
                case "Type" -> sku.put("Type", settings.skuType());
                case "Status" -> sku.put("Status", product.active() ? settings.statusActive()
                        : settings.statusInactive());
                case "EanCode" -> sku.put("EanCode", blankToNull(product.barcode()));
                case "VatRate" -> {
                    ArrayNode rates = sku.putArray("VatRates");
                    for (int area : settings.salesAreas()) {
                        rates.addObject().put("SalesArea", area).put("Rate", product.vatRate());
                    }
                }
                case "StandardPrice" -> sku.putObject("StandardPrice").put("PriceSale", product.salesPrice());
                default -> throw new IllegalArgumentException("no SKU field " + field);
            }
        }
        return item;
    }

    /** The {@code X-StormConnect-Header} (ProductHeader) of a job whose items all carry the same fields. */
    public static ObjectNode importHeader(boolean create, boolean name, Set<String> skuFields,
                                          ProductSettings settings) {
        ObjectNode header = JsonNodeFactory.instance.objectNode();
        header.put("AccountId", settings.accountId());
        header.put("FullFile", false);
        ArrayNode productFields = header.putArray("ProductFieldsThatAreSet");
        if (create) {
            productFields.add("ManufacturerCode").add("Code");
        }
        if (name) {
            productFields.add("Cultures");
            header.putArray("ProductCultureFieldsThatAreSet").add("Name");
        }
        productFields.add("Variants");
        ArrayNode variantFields = header.putArray("VariantFieldsThatAreSet");
        if (create) {
            variantFields.add("ManufacturerPartNo");
        }
        variantFields.add("Skus");
        ArrayNode sku = header.putArray("SkuFieldsThatAreSet");
        skuFields.forEach(sku::add);
        if (skuFields.contains("StandardPrice")) {
            header.putArray("SkuPriceListFieldsThatAreSet").add("PriceSale");
        }
        return header;
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text;
    }

    private static String text(JsonNode node, String name) {
        JsonNode value = node.get(name);
        return value == null || value.isNull() ? null : value.asText();
    }

    private static BigDecimal decimal(JsonNode node, String name) {
        JsonNode value = node.get(name);
        return value == null || !value.isNumber() ? null : value.decimalValue();
    }

    /** Norce writes local times without an offset in places; those are read as UTC. */
    static Instant instant(String text) {
        if (text == null) {
            return null;
        }
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException e) {
            try {
                return LocalDateTime.parse(text).toInstant(ZoneOffset.UTC);
            } catch (DateTimeParseException again) {
                return null;
            }
        }
    }
}
