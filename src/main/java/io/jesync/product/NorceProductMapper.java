package io.jesync.product;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.jesync.config.ProductSettings;
import io.jesync.economic.model.EconomicJson;

/**
 * Norce's SKU as Query 2.0 lists it ({@code /Products/Skus}) to {@link Product}, and {@link Product} to one item of
 * Connect's {@code Product/ImportProducts} (reference §4.6) with its header. Pure functions.
 */
public final class NorceProductMapper {
    /** SkuStatus 1 Active, 2 Coming, 3 Expiring are sellable; 4 Hidden, 5 Inactive, 6 NotActivated are not. */
    private static final Set<Integer> SELLABLE = Set.of(1, 2, 3);

    private NorceProductMapper() {
    }

    public static Product fromSku(JsonNode sku, ProductSettings settings) {
        BigDecimal vat = decimal(sku, "VatRate");
        return new Product(
                text(sku, "PartNo"),
                text(sku, "Name"),
                decimal(sku, "PriceStandard"),
                vat,
                null,
                text(sku, "EanCode"),
                SELLABLE.contains(sku.path("StatusId").asInt(1)),
                vat == null ? null : settings.groupByVatRate().get(vat.stripTrailingZeros()),
                instant(text(sku, "Updated")));
    }

    /**
     * One ImportProducts item. A new SKU gets every field and the manufacturer code Norce needs to create it; an
     * existing one only carries its PartNo and the fields e-conomic owns, so the shop's own values stay.
     */
    public static ObjectNode importItem(Product product, boolean create, Set<ProductField> fields,
                                        ProductSettings settings) {
        ObjectNode item = EconomicJson.MAPPER.createObjectNode();
        if (create) {
            item.put("ManufacturerCode", settings.manufacturerCode());
            item.put("Code", product.articleNumber());
        }
        if (create || fields.contains(ProductField.NAME)) {
            ArrayNode cultures = item.putArray("Cultures");
            cultures.addObject().put("CultureCode", settings.culture()).put("Name", product.name());
        }
        ObjectNode variant = item.putArray("Variants").addObject();
        variant.put("ManufacturerPartNo", product.articleNumber());
        ObjectNode sku = variant.putArray("Skus").addObject();
        sku.put("PartNo", product.articleNumber());
        if (create) {
            sku.put("Type", settings.skuType());
        }
        if (create || fields.contains(ProductField.ACTIVE)) {
            sku.put("Status", product.active() ? settings.statusActive() : settings.statusInactive());
        }
        if ((create || fields.contains(ProductField.BARCODE)) && product.barcode() != null) {
            sku.put("EanCode", product.barcode());
        }
        if ((create || fields.contains(ProductField.VAT_RATE)) && product.vatRate() != null) {
            ArrayNode rates = sku.putArray("VatRates");
            for (int area : settings.salesAreas()) {
                rates.addObject().put("SalesArea", area).put("Rate", product.vatRate());
            }
        }
        if ((create || fields.contains(ProductField.SALES_PRICE)) && product.salesPrice() != null) {
            sku.putObject("StandardPrice").put("PriceSale", product.salesPrice());
        }
        return item;
    }

    /** The {@code X-StormConnect-Header} of a job of creates or of updates limited to {@code fields}. */
    public static ObjectNode importHeader(boolean create, Set<ProductField> fields, ProductSettings settings) {
        ObjectNode header = EconomicJson.MAPPER.createObjectNode();
        header.put("AccountId", settings.accountId());
        header.put("FullFile", false);
        ArrayNode productFields = header.putArray("ProductFieldsThatAreSet");
        if (create) {
            productFields.add("ManufacturerCode");
        }
        productFields.add("Variants");
        ArrayNode cultureFields = header.putArray("ProductCultureFieldsThatAreSet");
        if (create || fields.contains(ProductField.NAME)) {
            productFields.add("Cultures");
            cultureFields.add("Name");
        }
        header.putArray("VariantFieldsThatAreSet").add("Skus");
        ArrayNode skuFields = header.putArray("SkuFieldsThatAreSet");
        if (create) {
            skuFields.add("Type");
        }
        if (create || fields.contains(ProductField.ACTIVE)) {
            skuFields.add("Status");
        }
        if (create || fields.contains(ProductField.BARCODE)) {
            skuFields.add("EanCode");
        }
        if (create || fields.contains(ProductField.VAT_RATE)) {
            skuFields.add("VatRate");
        }
        if (create || fields.contains(ProductField.SALES_PRICE)) {
            skuFields.add("StandardPrice");
        }
        return header;
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
