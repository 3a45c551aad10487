package io.jesync.simulator.norce;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The property names of the Query 2.0 entity sets the simulator renders: the JSON rendering, {@code $select} and
 * {@code $filter} checks all follow it ({@link NorceMetadata} serves the {@code $metadata} documents, which declare
 * every one of these and the further documented members the simulator does not fill). Names come from Norce's
 * Query 2.0 reference (Order, OrderItem), the Query 3.0 descriptions of the same columns (customer info) and public clients that ran against
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
}
