package io.jesync.simulator.norce;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The Query 2.0 {@code $metadata} (OData CSDL) of the entity sets the simulator serves, and the one list of their
 * property names: the JSON rendering, {@code $select} and {@code $filter} checks all follow it, so the simulator
 * never shows a property its metadata does not declare. Names come from Norce's Query 2.0 reference (Order,
 * OrderItem), the Query 3.0 descriptions of the same columns (customer info) and public clients that ran against
 * live tenants (Created, Updated, PaymentMethodId, DeliveryCountryId, Core and Customers sets); see
 * docs/simulators.md for each one's source.
 */
public final class NorceQueryModel {
    public static final Map<String, String> ORDER = properties(
            "Id", "Edm.Int64", "ApplicationId", "Edm.Int32", "QuotationId", "Edm.Int32", "OrderNo", "Edm.String",
            "OrderDate", "Edm.DateTimeOffset", "Created", "Edm.DateTimeOffset", "Updated", "Edm.DateTimeOffset",
            "StatusId", "Edm.Int32", "CurrencyId", "Edm.Int32", "VatRate", "Edm.Decimal",
            "FreightCost", "Edm.Decimal", "OrderFee", "Edm.Decimal", "CashDiscount", "Edm.Decimal",
            "LineDiscount", "Edm.Decimal", "PaymentMethodId", "Edm.Int32", "PaymentTerms", "Edm.String",
            "BuyerCustomerCode", "Edm.String", "BuyerCustomerId", "Edm.Int32", "BuyerCompanyCode", "Edm.String",
            "BuyerCompanyId", "Edm.Int32", "DeliveryCountryId", "Edm.Int32", "DeliveryZipCode", "Edm.String",
            "IsForgotten", "Edm.Boolean");
    public static final Map<String, String> ORDER_ITEM = properties(
            "Id", "Edm.Int64", "OrderId", "Edm.Int64", "LineNumber", "Edm.Decimal", "StatusId", "Edm.Int32",
            "PartNo", "Edm.String", "ProductName", "Edm.String", "QtyOrdered", "Edm.Decimal",
            "CurrencyId", "Edm.Int32", "VatRate", "Edm.Decimal", "PriceSale", "Edm.Decimal",
            "DiscountAmount", "Edm.Decimal", "LineAmount", "Edm.Decimal", "Created", "Edm.DateTimeOffset",
            "Updated", "Edm.DateTimeOffset");
    public static final Map<String, String> CUSTOMER_INFO = properties(
            "FirstName", "Edm.String", "LastName", "Edm.String", "EmailAddress", "Edm.String",
            "PhoneNumber", "Edm.String", "CompanyName", "Edm.String", "AddressLine1", "Edm.String",
            "ZipCode", "Edm.String", "City", "Edm.String", "CountryId", "Edm.Int32");
    public static final Map<String, String> ORDER_INFO = properties("Code", "Edm.String", "Value", "Edm.String");
    public static final Set<String> ORDER_NAVIGATIONS = Set.of("Items", "Buyer", "Payer", "ShipTo", "Infos");
    public static final Map<String, String> PRODUCT_SKU = properties(
            "Id", "Edm.Int32", "ProductId", "Edm.Int32", "PartNo", "Edm.String", "ManufacturerCode", "Edm.String",
            "ManufacturerPartNo", "Edm.String", "Name", "Edm.String", "StatusId", "Edm.Int32", "TypeId", "Edm.Int32",
            "EanCode", "Edm.String", "VatRate", "Edm.Decimal", "PriceStandard", "Edm.Decimal",
            "Created", "Edm.DateTimeOffset", "Updated", "Edm.DateTimeOffset");
    public static final Map<String, String> COMPANY = properties(
            "Id", "Edm.Int32", "Code", "Edm.String", "Name", "Edm.String", "OrganizationNo", "Edm.String",
            "VatNo", "Edm.String");
    public static final Map<String, String> LOOKUP = properties(
            "Id", "Edm.Int32", "Code", "Edm.String", "DefaultName", "Edm.String");

    private NorceQueryModel() {
    }

    private static Map<String, String> properties(String... nameTypePairs) {
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < nameTypePairs.length; i += 2) {
            map.put(nameTypePairs[i], nameTypePairs[i + 1]);
        }
        return java.util.Collections.unmodifiableMap(map);
    }

    /** The CSDL document of one Query namespace, or null when the simulator serves nothing in it. */
    static String document(String namespace) {
        StringBuilder types = new StringBuilder();
        StringBuilder sets = new StringBuilder();
        switch (namespace) {
            case "Orders" -> {
                entity(types, "Order", ORDER, Map.of("Items", "Collection(Orders.OrderItem)",
                        "Buyer", "Orders.OrderCustomerInfo", "Payer", "Orders.OrderCustomerInfo",
                        "ShipTo", "Orders.OrderCustomerInfo", "Infos", "Collection(Orders.OrderInfo)"));
                entity(types, "OrderItem", ORDER_ITEM, Map.of());
                entity(types, "OrderCustomerInfo", CUSTOMER_INFO, Map.of());
                entity(types, "OrderInfo", ORDER_INFO, Map.of());
                set(sets, "Orders", "Orders.Order");
            }
            case "Products" -> {
                entity(types, "ProductSku", PRODUCT_SKU, Map.of());
                set(sets, "ProductSkus", "Products.ProductSku");
            }
            case "Customers" -> {
                entity(types, "Company", COMPANY, Map.of());
                set(sets, "Companies", "Customers.Company");
            }
            case "Core" -> {
                entity(types, "Currency", LOOKUP, Map.of());
                entity(types, "Country", LOOKUP, Map.of());
                entity(types, "PaymentMethod", LOOKUP, Map.of());
                set(sets, "Currencies", "Core.Currency");
                set(sets, "Countries", "Core.Country");
                set(sets, "PaymentMethods", "Core.PaymentMethod");
            }
            case "Application" -> {
                entity(types, "ClientPriceList", LOOKUP, Map.of());
                set(sets, "ClientPriceLists", "Application.ClientPriceList");
            }
            default -> {
                return null;
            }
        }
        return "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n"
                + "<edmx:Edmx Version=\"4.0\" xmlns:edmx=\"http://docs.oasis-open.org/odata/ns/edmx\">\n"
                + "<edmx:DataServices>\n<Schema Namespace=\"" + namespace
                + "\" xmlns=\"http://docs.oasis-open.org/odata/ns/edm\">\n" + types
                + "<EntityContainer Name=\"Container\">\n" + sets + "</EntityContainer>\n</Schema>\n"
                + "</edmx:DataServices>\n</edmx:Edmx>\n";
    }

    private static void entity(StringBuilder out, String name, Map<String, String> properties,
                               Map<String, String> navigations) {
        out.append("<EntityType Name=\"").append(name).append("\">\n");
        if (properties.containsKey("Id")) {
            out.append("<Key><PropertyRef Name=\"Id\"/></Key>\n");
        }
        properties(out, properties);
        navigations.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(n -> out
                .append("<NavigationProperty Name=\"").append(n.getKey()).append("\" Type=\"").append(n.getValue())
                .append("\"/>\n"));
        out.append("</EntityType>\n");
    }

    private static void properties(StringBuilder out, Map<String, String> properties) {
        properties.forEach((property, type) -> out.append("<Property Name=\"").append(property).append("\" Type=\"")
                .append(type).append("\"").append(property.equals("Id") ? " Nullable=\"false\"" : "")
                .append("/>\n"));
    }

    private static void set(StringBuilder out, String name, String type) {
        out.append("<EntitySet Name=\"").append(name).append("\" EntityType=\"").append(type).append("\"/>\n");
    }
}
