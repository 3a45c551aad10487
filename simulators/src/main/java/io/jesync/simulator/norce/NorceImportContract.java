package io.jesync.simulator.norce;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;

import io.jesync.simulator.norce.NorceJobs.ImportKind;

/**
 * Connect 4.0's import contracts as the simulator checks them, transcribed from StormCommerce/Storm.Connect.Contracts
 * (Header, the Product/Customer headers, Product/Fields/*, Product/Models/*, Customer/Models/*; see
 * docs/simulators.md): which members a header and a row may carry, and the enum names (or numbers) each
 * {@code …FieldsThatAreSet} list may hold. The real service's JSON binding is case-insensitive, so the checks are.
 */
final class NorceImportContract {
    private static final Set<String> HEADER_BASE = Set.of("AccountId", "JobId", "StorageName", "SerializationType",
            "SupplierId");

    /** Enum name to number, per FieldsThatAreSet list the simulator checks. */
    static final Map<String, Map<String, Integer>> FIELD_ENUMS = new HashMap<>();

    static {
        FIELD_ENUMS.put("SkuOnhandFieldsThatAreSet", numbered(3, "OnhandValue", "IncomingValue", "NextDeliveryDate",
                "LeadTimeDayCount", "OnOrderValue", "MinimumValue", "MaximumValue", "IsActive", "Infos"));
        Map<String, Integer> skuPriceList = numbered(3, "PriceSale", "CostPurchase", "CostUnit", "PriceRecommended",
                "PricePrevious", "PriceCatalog", "IsPriceDiscountable", "IsActive", "IsPriceDiscountableCreateOnly",
                "PriceRule", "FullfileResetInheritance");
        FIELD_ENUMS.put("SkuPriceListFieldsThatAreSet", skuPriceList);
        FIELD_ENUMS.put("IgnoreSkuPriceListFieldsWhenEmpty", skuPriceList);
        FIELD_ENUMS.put("ProductFieldsThatAreSet", numbered(0, "ManufacturerCode", "ManufacturerName", "Alias", "Code",
                "Variants", "Cultures", "Categories", "MainImage", "AdditionalImages", "Family", "ProductParametrics",
                "ProductParametricsCreateOnly", "VariantDefinitionGroup", "VariantDefinitionGroupCreateOnly",
                "Assortment", "CategoriesCreateOnly", "CategoriesLimitedUpdate", "AdditionalImagesCleanup",
                "ParametricsCleanup", "ImagesAndFilesCleanup"));
        Map<String, Integer> sku = numbered(1, "Status", "Type", "IntegrationPartNo", "CommodityCode", "EanCode",
                "TrackingCode", "UnitOfMeasurementType", "UnitOfMeasurementCount", "IsDropShipOnly", "IsBuyable",
                "DiscountClass", "RecommendedSalesQty", "IsRecommendedSalesQtyFixed", "ActualWeight", "VolumeWeight",
                "LogisticWidth");
        // SkuField skips 17.
        sku.putAll(numbered(18, "LogisticHeight", "LogisticDepth", "StandardPrice", "VatRate", "StatusCreateOnly",
                "StartDate", "StopDate", "StructureItems", "PartNoCreateWhenMissing"));
        FIELD_ENUMS.put("SkuFieldsThatAreSet", sku);
        FIELD_ENUMS.put("ProductCultureFieldsThatAreSet", numbered(0, "Name", "NameCreateOnly", "SubHeader",
                "SubDescription", "DescriptionHeader", "Description", "DescriptionCreateOnly", "Synonyms", "Title",
                "Tags", "MetaTags", "MetaDescription", "NameLimitedUpdate", "UniqueUrlName",
                "IsUniqueUrlNameManuallyMaintained", "UniqueUrlNameCreateOnly"));
        FIELD_ENUMS.put("VariantFieldsThatAreSet", numbered(0, "ManufacturerPartNo", "SortOrderValue",
                "StockDisplayBreakPoint", "IsDangerousGoods", "Cultures", "Skus", "MainImage", "AdditionalImages",
                "VariantParametrics", "VariantParametricsCreateOnly", "NonParametricVariantDefinitions",
                "NonParametricVariantDefinitionsCreateOnly", "DeliveryMethods", "DeliveryMethodsCreateOnly",
                "AdditionalImagesCleanup", "ParametricsCleanup", "TranslationRequested", "ImagesAndFilesCleanup"));
        FIELD_ENUMS.put("CustomerFieldsThatAreSet", numbered(0, "ApplicationKey", "Id", "Code", "EmailAddress",
                "SocialSecurityNumber", "Title", "FirstName", "MiddleName", "LastName", "PhoneNumber",
                "CellPhoneNumber", "IsActive", "InvoiceAddress", "DeliveryAddresses", "Accounts", "AdditionalInfo",
                "Flags", "PriceLists", "SearchOnlyByCode", "Companies", "CrmId", "PreserveFlags"));
    }

    private static final Map<ImportKind, Set<String>> HEADERS = Map.of(
            ImportKind.ONHANDS, Set.of("FullFile", "SkuOnhandFieldsThatAreSet"),
            ImportKind.SKU_PRICE_LISTS, Set.of("FullFile", "SkuPriceListFieldsThatAreSet",
                    "IgnoreSkuPriceListFieldsWhenEmpty"),
            ImportKind.PRODUCTS, Set.of("FullFile", "ProductFieldsThatAreSet", "SkuFieldsThatAreSet",
                    "SkuCultureFieldsThatAreSet", "SkuPriceListFieldsThatAreSet", "IgnoreSkuPriceListFieldsWhenEmpty",
                    "SkuStructureItemFieldsThatAreSet", "ProductCultureFieldsThatAreSet", "VariantFieldsThatAreSet",
                    "VariantCultureFieldsThatAreSet", "ImageCultureFieldsThatAreSet"),
            ImportKind.PRICE_LISTS, Set.of("PriceListFieldsThatAreSet", "WarehouseFieldsThatAreSet",
                    "WarehouseLocationFieldsThatAreSet", "PriceListPriceRuleFieldsThatAreSet"),
            ImportKind.CUSTOMERS, Set.of("AccountFieldsThatAreSet", "CompanyFieldsThatAreSet",
                    "CustomerFieldsThatAreSet"));

    private static final Set<String> SKU_ONHAND = Set.of("PartNo", "LocationCode", "WarehouseCode", "OnhandValue",
            "IncomingValue", "NextDeliveryDate", "LeadTimeDayCount", "OnOrderValue", "MinimumValue", "MaximumValue",
            "IsActive", "Infos");
    private static final Set<String> SKU_PRICE_LIST = Set.of("PartNo", "PriceListCode", "QuantityBreak",
            "PriceSale", "CostPurchase", "CostUnit", "PriceRecommended", "PricePrevious", "PriceCatalog",
            "IsPriceDiscountable", "CurrencyCode", "IsActive", "PriceRule", "PriceRuleValue");
    private static final Set<String> PRODUCT = Set.of("ManufacturerCode", "ManufacturerName", "Alias", "Code",
            "Variants", "Cultures", "Categories", "MainImage", "AdditionalImages", "Family", "ProductFlags",
            "ProductParametrics", "VariantDefinitionGroup", "AssortmentCode");
    private static final Set<String> PRODUCT_CULTURE = Set.of("CultureCode", "Name", "SubHeader", "SubDescription",
            "DescriptionHeader", "Description", "Synonyms", "Title", "Tags", "MetaTags", "MetaDescription",
            "UniqueUrlName", "IsUniqueUrlNameManuallyMaintained");
    private static final Set<String> VARIANT = Set.of("ManufacturerPartNo", "SortOrderValue",
            "StockDisplayBreakPoint", "IsDangerousGoods", "TranslationRequested", "Cultures", "Skus", "MainImage",
            "AdditionalImages", "VariantFlags", "VariantParametrics", "NonParametricVariantDefinitions",
            "DeliveryMethods");
    private static final Set<String> SKU = Set.of("PartNo", "Status", "Type", "IntegrationPartNo", "CommodityCode",
            "EanCode", "TrackingCode", "UnitOfMeasurementType", "UnitOfMeasurementCount", "IsDropShipOnly",
            "IsBuyable", "DiscountClass", "RecommendedSalesQty", "IsRecommendedSalesQtyFixed", "ActualWeight",
            "VolumeWeight", "LogisticWidth", "LogisticHeight", "LogisticDepth", "StandardPrice", "VatRates", "Cultures",
            "StartDate", "StopDate", "StructureItems");
    private static final Set<String> VAT_RATE = Set.of("SalesArea", "Rate");
    private static final Set<String> CUSTOMER = Set.of("Type", "ApplicationKey", "Id", "Code", "EmailAddress",
            "SocialSecurityNumber", "Title", "FirstName", "MiddleName", "LastName", "PhoneNumber", "CellPhoneNumber",
            "IsActive", "InvoiceAddress", "DeliveryAddresses", "Accounts", "AdditionalInfo", "Flags", "PriceLists",
            "IsCompanyListDelta", "Companies", "CrmId");
    private static final Set<String> CUSTOMER_PRICE_LIST = Set.of("Code", "IsExclusive");

    private NorceImportContract() {
    }

    private static Map<String, Integer> numbered(int first, String... names) {
        Map<String, Integer> values = new HashMap<>();
        for (int i = 0; i < names.length; i++) {
            values.put(names[i], first + i);
        }
        return values;
    }

    /** What is wrong with the header for this import; empty when nothing is. */
    static List<String> headerProblems(ImportKind kind, JsonNode header) {
        List<String> problems = new ArrayList<>();
        Set<String> allowed = HEADERS.get(kind);
        for (Iterator<String> it = header.fieldNames(); it.hasNext(); ) {
            String member = it.next();
            if (!containsIgnoreCase(HEADER_BASE, member) && !containsIgnoreCase(allowed, member)) {
                problems.add(NorceJobs.HEADER + " has no member '" + member + "' for " + kind.operation
                        + "; allowed: " + sorted(HEADER_BASE, allowed));
                continue;
            }
            Map<String, Integer> values = enumFor(member);
            JsonNode list = header.get(member);
            if (values == null) {
                continue;
            }
            if (!list.isArray()) {
                problems.add(member + " must be a list of field names or numbers");
                continue;
            }
            for (JsonNode value : list) {
                if (name(values, value) == null) {
                    problems.add(member + " has no field '" + value.asText() + "'; allowed: "
                            + values.keySet().stream().sorted().collect(Collectors.joining(", ")));
                }
            }
        }
        return problems;
    }

    /** What is wrong with one row's members, by the contract's model; empty when nothing is. */
    static List<String> rowProblems(ImportKind kind, JsonNode row) {
        List<String> problems = new ArrayList<>();
        switch (kind) {
            case ONHANDS -> members(row, SKU_ONHAND, "SkuOnhand", problems);
            case SKU_PRICE_LISTS -> {
                members(row, SKU_PRICE_LIST, "SkuPriceList", problems);
                if (NorceJson.text(row, "PriceListCode") == null) {
                    // With PartNo and QuantityBreak the key of a SKU price (SkuPriceListField leaves the three out).
                    problems.add("SkuPriceList needs a PriceListCode");
                }
            }
            case CUSTOMERS -> {
                members(row, CUSTOMER, "Customer", problems);
                for (JsonNode list : NorceJson.field(row, "PriceLists")) {
                    members(list, CUSTOMER_PRICE_LIST, "Customer.PriceList", problems);
                }
            }
            case PRODUCTS -> {
                members(row, PRODUCT, "Product", problems);
                for (JsonNode culture : NorceJson.field(row, "Cultures")) {
                    members(culture, PRODUCT_CULTURE, "ProductCulture", problems);
                }
                for (JsonNode variant : NorceJson.field(row, "Variants")) {
                    members(variant, VARIANT, "Variant", problems);
                    for (JsonNode sku : NorceJson.field(variant, "Skus")) {
                        members(sku, SKU, "Sku", problems);
                        for (JsonNode rate : NorceJson.field(sku, "VatRates")) {
                            members(rate, VAT_RATE, "VatRate", problems);
                        }
                        members(NorceJson.field(sku, "StandardPrice"), SKU_PRICE_LIST, "Sku.StandardPrice", problems);
                    }
                }
            }
            default -> {
                // ImportPriceLists is not used by the runtime; its rows are not checked member by member.
            }
        }
        return problems;
    }

    /** The listed fields by enum name (lower case); null when the header has no such list. */
    static Set<String> listed(JsonNode header, String list) {
        JsonNode value = NorceJson.field(header, list);
        if (!value.isArray()) {
            return null;
        }
        Map<String, Integer> values = enumFor(list);
        Set<String> names = new java.util.HashSet<>();
        for (JsonNode v : value) {
            String name = values == null ? v.asText() : name(values, v);
            if (name != null) {
                names.add(name.toLowerCase(Locale.ROOT));
            }
        }
        return names;
    }

    private static Map<String, Integer> enumFor(String member) {
        for (Map.Entry<String, Map<String, Integer>> e : FIELD_ENUMS.entrySet()) {
            if (e.getKey().equalsIgnoreCase(member)) {
                return e.getValue();
            }
        }
        return null;
    }

    /** An enum value given as its name (any case) or its number, as ASP.NET binds enums; null when unknown. */
    private static String name(Map<String, Integer> values, JsonNode value) {
        if (value.isIntegralNumber()) {
            return values.entrySet().stream().filter(e -> e.getValue() == value.asInt()).map(Map.Entry::getKey)
                    .findFirst().orElse(null);
        }
        return values.keySet().stream().filter(n -> n.equalsIgnoreCase(value.asText())).findFirst().orElse(null);
    }

    private static void members(JsonNode node, Set<String> allowed, String model, List<String> problems) {
        if (node == null || !node.isObject()) {
            return;
        }
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String member = it.next();
            if (!containsIgnoreCase(allowed, member)) {
                problems.add(model + " has no member '" + member + "'");
            }
        }
    }

    private static boolean containsIgnoreCase(Set<String> names, String name) {
        return names.stream().anyMatch(n -> n.equalsIgnoreCase(name));
    }

    private static String sorted(Set<String> a, Set<String> b) {
        List<String> all = new ArrayList<>(a);
        all.addAll(b);
        return all.stream().sorted().collect(Collectors.joining(", "));
    }
}
