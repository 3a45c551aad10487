package io.jesync.shop.norce;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.jesync.findings.SyncFlow;

/**
 * Every Query 2.0 entity set, property and navigation the Norce adapter reads, in one list, so the preflight can look
 * each one up in the tenant's {@code $metadata} before a flow depends on it. Whoever makes the adapter read a new
 * field adds it here; the source of each is in docs/norce-adapter.md (evidence S1, S2, S5, S6, S17).
 */
public final class NorceQueryContract {

    /**
     * One entity set as the adapter uses it.
     *
     * @param service     the Query service the set belongs to; its metadata is at {@code <service>/$metadata}
     * @param entitySet   the set's name in that service
     * @param properties  the properties read from each row
     * @param navigations each navigation expanded, with the properties read from its target
     * @param flows       the flows that stop when any of this is missing
     */
    public record SetUse(String service, String entitySet, List<String> properties,
                         Map<String, List<String>> navigations, List<SyncFlow> flows) {
        public SetUse {
            properties = List.copyOf(properties);
            navigations = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(navigations));
            flows = List.copyOf(flows);
        }

        public String path() {
            return service + "/" + entitySet;
        }
    }

    private static final List<String> CUSTOMER_INFO = List.of("FirstName", "LastName", "CompanyName", "EmailAddress",
            "PhoneNumber", "CellPhoneNumber", "AddressLine1", "AddressLine2", "CareOf", "ZipCode", "City", "CountryId");

    public static final SetUse ORDERS = new SetUse("Orders", "Orders",
            List.of("Id", "ApplicationId", "QuotationId", "OrderNo", "OrderDate", "Created", "Updated", "StatusId",
                    "CurrencyId", "PaymentMethodId", "PaymentTerms", "BuyerCustomerCode", "BuyerCompanyCode",
                    "BuyerCompanyId", "CashDiscount", "LineDiscount"),
            navigations(
                    "Items", List.of("Id", "LineNumber", "StatusId", "PartNo", "ProductName", "QtyOrdered", "PriceSale",
                            "DiscountAmount", "LineAmount", "VatRate"),
                    "Buyer", CUSTOMER_INFO, "Payer", CUSTOMER_INFO, "ShipTo", CUSTOMER_INFO),
            List.of(SyncFlow.ORDERS, SyncFlow.STATUS, SyncFlow.REVERSAL));
    public static final SetUse SKUS = new SetUse("Products", "ProductSkus",
            List.of("PartNo", "ProductId", "StatusId", "TypeId", "EanCode", "Created", "Updated"), Map.of(),
            List.of(SyncFlow.ORDERS, SyncFlow.PRODUCTS));
    public static final SetUse COMPANIES = new SetUse("Customers", "Companies",
            List.of("Id", "OrganizationNo", "VatNo"), Map.of(), List.of(SyncFlow.ORDERS));
    public static final SetUse APPLICATIONS = new SetUse("Core", "Applications", List.of("Id"), Map.of(),
            SyncFlow.ALL);
    public static final SetUse CURRENCIES = new SetUse("Core", "Currencies", List.of("Id", "Code"), Map.of(),
            List.of(SyncFlow.ORDERS));
    public static final SetUse COUNTRIES = new SetUse("Core", "Countries", List.of("Id", "Code"), Map.of(),
            List.of(SyncFlow.ORDERS));
    public static final SetUse PAYMENT_METHODS = new SetUse("Core", "PaymentMethods", List.of("Id", "Code"), Map.of(),
            List.of(SyncFlow.ORDERS));
    public static final SetUse SKU_STATUSES = new SetUse("Core", "SkuStatuses", List.of("Id"), Map.of(),
            List.of(SyncFlow.PRODUCTS));
    public static final SetUse PRICE_LISTS = new SetUse("Application", "ClientPriceLists",
            List.of("PriceListId", "Agreement"),
            Map.of(), List.of(SyncFlow.PRICES));
    public static final SetUse SALES_AREAS = new SetUse("Application", "SalesAreas", List.of("Id"), Map.of(),
            List.of(SyncFlow.PRODUCTS));

    /** Every set, in the order the preflight checks them. */
    public static final List<SetUse> ALL = List.of(ORDERS, SKUS, COMPANIES, APPLICATIONS, CURRENCIES, COUNTRIES,
            PAYMENT_METHODS, SKU_STATUSES, PRICE_LISTS, SALES_AREAS);

    private NorceQueryContract() {
    }

    private static Map<String, List<String>> navigations(Object... pairs) {
        Map<String, List<String>> map = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            @SuppressWarnings("unchecked")
            List<String> properties = (List<String>) pairs[i + 1];
            map.put((String) pairs[i], properties);
        }
        return map;
    }
}
