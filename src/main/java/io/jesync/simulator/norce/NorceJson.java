package io.jesync.simulator.norce;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.jesync.simulator.Json;
import io.jesync.simulator.norce.NorceModel.CustomerInfo;
import io.jesync.simulator.norce.NorceModel.Onhand;
import io.jesync.simulator.norce.NorceModel.Order;
import io.jesync.simulator.norce.NorceModel.OrderDraft;
import io.jesync.simulator.norce.NorceModel.OrderItem;
import io.jesync.simulator.norce.NorceModel.PriceList;
import io.jesync.simulator.norce.NorceModel.Sku;
import io.jesync.simulator.norce.NorceModel.SkuPrice;
import io.jesync.simulator.norce.NorceModel.WriteBack;

/**
 * JSON in and out in Norce's PascalCase. Query leaves properties it has no value for as explicit nulls, as
 * OData services do, so rendering goes through ObjectNode rather than the no-nulls record mapper.
 */
public final class NorceJson {
    /**
     * Tenant lookup ids. Real tenants resolve these through Core/Application lookup sets; the numbers are the
     * simulator's own (country ids follow Connect's SalesArea numbering where one exists).
     */
    public static final Map<String, Integer> CURRENCY_IDS = Map.of("SEK", 1, "EUR", 2, "NOK", 3, "DKK", 4, "GBP", 5);
    public static final Map<String, Integer> COUNTRY_IDS = Map.of("SE", 1, "NO", 2, "DK", 3, "FI", 4, "GB", 5, "DE", 8,
            "US", 30);
    public static final Map<String, Integer> PAYMENT_METHOD_IDS = Map.of("KCO", 12, "CARD", 13, "INVOICE", 14,
            "SWISH", 15);

    private NorceJson() {
    }

    /** Map.of rejects null keys; an order without a currency or country simply has no id. */
    static Integer idOf(Map<String, Integer> ids, String code) {
        return code == null ? null : ids.get(code);
    }

    static String time(Instant instant) {
        return instant == null ? null : instant.toString();
    }

    public static ObjectNode order(Order o, Set<String> expand) {
        ObjectNode n = Json.object();
        n.put("Id", o.id());
        n.put("ApplicationId", o.applicationId());
        n.put("OrderNo", o.orderNo());
        n.put("OrderDate", time(o.orderDate()));
        n.put("Created", time(o.created()));
        n.put("Updated", time(o.updated()));
        n.put("StatusId", o.statusId());
        n.put("CurrencyId", idOf(CURRENCY_IDS, o.currencyCode()));
        n.put("CurrencyCode", o.currencyCode());
        n.put("FreightCost", o.freightCost());
        n.put("OrderFee", o.orderFee());
        n.put("CashDiscount", BigDecimal.ZERO.setScale(2));
        n.put("LineDiscount", o.lineDiscount());
        n.put("PaymentMethodId", idOf(PAYMENT_METHOD_IDS, o.paymentMethodCode()));
        n.put("PaymentMethodCode", o.paymentMethodCode());
        n.put("PaymentRef", o.paymentRef());
        n.put("BuyerCustomerCode", o.buyerCustomerCode());
        n.put("BuyerCompanyCode", o.buyerCompanyCode());
        CustomerInfo delivery = o.shipTo() != null ? o.shipTo() : o.buyer();
        n.put("DeliveryCountryId", delivery == null ? null : idOf(COUNTRY_IDS, delivery.countryCode()));
        n.put("DeliveryZipCode", delivery == null ? null : delivery.zipCode());
        n.put("IsForgotten", o.isForgotten());
        if (expand.contains("Items")) {
            ArrayNode items = n.putArray("Items");
            for (OrderItem i : o.items()) {
                items.add(item(i, o));
            }
        }
        if (expand.contains("Buyer")) {
            n.set("Buyer", customerInfo(o.buyer()));
        }
        if (expand.contains("ShipTo")) {
            n.set("ShipTo", customerInfo(o.shipTo()));
        }
        if (expand.contains("Payer")) {
            n.set("Payer", customerInfo(o.payer()));
        }
        return n;
    }

    private static ObjectNode item(OrderItem i, Order o) {
        ObjectNode n = Json.object();
        n.put("LineNumber", i.lineNumber());
        n.put("PartNo", i.partNo());
        n.put("ProductName", i.productName());
        n.put("QtyOrdered", i.qtyOrdered());
        n.put("PriceSale", i.priceSale());
        n.put("DiscountAmount", i.discountAmount());
        n.put("LineAmount", i.lineAmount());
        n.put("VatRate", i.vatRate());
        n.put("CurrencyId", idOf(CURRENCY_IDS, o.currencyCode()));
        n.put("Type", i.type());
        n.put("TypeGroup", i.typeGroup());
        n.put("StatusId", i.statusId());
        return n;
    }

    static JsonNode customerInfo(CustomerInfo c) {
        if (c == null) {
            return com.fasterxml.jackson.databind.node.NullNode.getInstance();
        }
        ObjectNode n = Json.object();
        n.put("FirstName", c.firstName());
        n.put("LastName", c.lastName());
        n.put("EmailAddress", c.emailAddress());
        n.put("PhoneNumber", c.phoneNumber());
        n.put("CompanyName", c.companyName());
        n.put("OrganizationNo", c.organizationNo());
        n.put("VatNo", c.vatNo());
        n.put("AddressLine1", c.addressLine1());
        n.put("ZipCode", c.zipCode());
        n.put("City", c.city());
        n.put("CountryId", idOf(COUNTRY_IDS, c.countryCode()));
        n.put("CountryCode", c.countryCode());
        return n;
    }

    /** The control view: the Query shape fully expanded plus what the Connect write-backs did to the order. */
    public static ObjectNode orderWithWriteBacks(Order o) {
        ObjectNode n = order(o, Set.of("Items", "Buyer", "ShipTo", "Payer"));
        n.put("ErpOrderNo", o.erpOrderNo());
        n.put("CapturedAmount", o.capturedAmount());
        n.put("ReservationCancelled", o.reservationCancelled());
        n.put("TotalIncVat", o.totalIncVat());
        ArrayNode parcels = n.putArray("ParcelNumbers");
        o.parcelNumbers().forEach(parcels::add);
        return n;
    }

    public static ObjectNode sku(Sku s) {
        ObjectNode n = Json.object();
        n.put("Id", s.id());
        n.put("ProductId", s.productId());
        n.put("PartNo", s.partNo());
        n.put("ManufacturerCode", s.manufacturerCode());
        n.put("ManufacturerPartNo", s.manufacturerPartNo());
        n.put("Name", s.name());
        n.put("StatusId", s.statusId());
        n.put("TypeId", s.typeId());
        n.put("EanCode", s.eanCode());
        n.put("VatRate", s.vatRate());
        n.put("PriceStandard", s.standardPrice());
        n.put("Created", time(s.created()));
        n.put("Updated", time(s.updated()));
        return n;
    }

    public static ObjectNode onhand(Onhand o) {
        ObjectNode n = Json.object();
        n.put("PartNo", o.partNo());
        n.put("WarehouseCode", o.warehouseCode());
        n.put("LocationCode", o.locationCode());
        n.put("OnhandValue", o.onhandValue());
        n.put("IncomingValue", o.incomingValue());
        n.put("NextDeliveryDate", o.nextDeliveryDate());
        n.put("LeadTimeDayCount", o.leadTimeDayCount());
        n.put("IsActive", o.isActive());
        n.put("Updated", time(o.updated()));
        return n;
    }

    public static ObjectNode priceList(PriceList p) {
        ObjectNode n = Json.object();
        n.put("Code", p.code());
        n.put("Name", p.name());
        n.put("CurrencyCode", p.currencyCode());
        n.put("IsPublic", p.isPublic());
        n.put("IsPrimary", p.isPrimary());
        n.put("SalesArea", p.salesArea());
        n.put("IsActive", p.isActive());
        n.put("Updated", time(p.updated()));
        return n;
    }

    public static ObjectNode skuPrice(SkuPrice p) {
        ObjectNode n = Json.object();
        n.put("PartNo", p.partNo());
        n.put("PriceListCode", p.priceListCode());
        n.put("QuantityBreak", p.quantityBreak());
        n.put("PriceSale", p.priceSale());
        n.put("PricePrevious", p.pricePrevious());
        n.put("PriceRecommended", p.priceRecommended());
        n.put("CostPurchase", p.costPurchase());
        n.put("IsActive", p.isActive());
        n.put("Updated", time(p.updated()));
        return n;
    }

    public static ObjectNode writeBack(WriteBack w) {
        ObjectNode n = Json.object();
        n.put("Sequence", w.sequence());
        n.put("Kind", w.kind().name());
        n.put("ReceivedAt", time(w.receivedAt()));
        n.put("OrderId", w.orderId());
        n.put("OrderNo", w.orderNo());
        n.put("StatusBefore", w.statusBefore());
        n.put("StatusAfter", w.statusAfter());
        n.put("Captured", w.captured());
        n.put("ReservationCancelled", w.reservationCancelled());
        n.set("Request", w.request());
        return n;
    }

    /** Case-insensitive member lookup, as ASP.NET's JSON binding matches property names. */
    public static JsonNode field(JsonNode node, String name) {
        if (node == null || !node.isObject()) {
            return MissingNode.getInstance();
        }
        JsonNode exact = node.get(name);
        if (exact != null) {
            return exact;
        }
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String candidate = it.next();
            if (candidate.equalsIgnoreCase(name)) {
                return node.get(candidate);
            }
        }
        return MissingNode.getInstance();
    }

    static String text(JsonNode node, String name) {
        JsonNode value = field(node, name);
        return value.isMissingNode() || value.isNull() ? null : value.asText();
    }

    static BigDecimal decimal(JsonNode node, String name) {
        JsonNode value = field(node, name);
        return value.isMissingNode() || value.isNull() ? null : value.decimalValue();
    }

    /**
     * Reads an order draft in the same PascalCase shape Query shows, over {@code base} for an edit: members
     * absent from the JSON keep the base's value.
     */
    public static OrderDraft draft(JsonNode json, OrderDraft base) {
        int applicationId = field(json, "ApplicationId").asInt(base == null ? 0 : base.applicationId());
        String currency = orElse(text(json, "CurrencyCode"), base == null ? null : base.currencyCode());
        int status = field(json, "StatusId").asInt(base == null ? NorceModel.OrderStatus.CONFIRMED.id()
                : base.statusId());
        String payment = orElse(text(json, "PaymentMethodCode"), base == null ? null : base.paymentMethodCode());
        String customerCode = field(json, "BuyerCustomerCode").isMissingNode()
                ? (base == null ? null : base.buyerCustomerCode()) : text(json, "BuyerCustomerCode");
        String companyCode = field(json, "BuyerCompanyCode").isMissingNode()
                ? (base == null ? null : base.buyerCompanyCode()) : text(json, "BuyerCompanyCode");
        CustomerInfo buyer = customer(field(json, "Buyer"), base == null ? null : base.buyer());
        CustomerInfo shipTo = customer(field(json, "ShipTo"), base == null ? null : base.shipTo());
        CustomerInfo payer = customer(field(json, "Payer"), base == null ? null : base.payer());
        List<OrderItem> items = base == null ? List.of() : base.items();
        JsonNode itemsJson = field(json, "Items");
        if (itemsJson.isArray()) {
            List<OrderItem> parsed = new ArrayList<>();
            for (JsonNode i : itemsJson) {
                String type = orElse(text(i, "Type"), "ErpStandard");
                boolean fee = OrderItem.FREIGHT.equals(type) || OrderItem.PAYMENT_FEE.equals(type);
                parsed.add(new OrderItem(0, text(i, "PartNo"), text(i, "ProductName"),
                        orElse(decimal(i, "QtyOrdered"), BigDecimal.ONE), orElse(decimal(i, "PriceSale"), BigDecimal.ZERO),
                        orElse(decimal(i, "DiscountAmount"), BigDecimal.ZERO), orElse(decimal(i, "VatRate"),
                        new BigDecimal("25")), type, orElse(text(i, "TypeGroup"), fee ? OrderItem.FEE_GROUP : "Physical"),
                        0));
            }
            items = parsed;
        }
        return new OrderDraft(applicationId, currency, status, payment, customerCode, companyCode, buyer, shipTo, payer,
                items);
    }

    private static CustomerInfo customer(JsonNode json, CustomerInfo base) {
        if (json.isMissingNode()) {
            return base;
        }
        if (json.isNull()) {
            return null;
        }
        CustomerInfo b = base != null ? base
                : new CustomerInfo(null, null, null, null, null, null, null, null, null, null, null);
        return new CustomerInfo(pick(json, "FirstName", b.firstName()), pick(json, "LastName", b.lastName()),
                pick(json, "EmailAddress", b.emailAddress()), pick(json, "PhoneNumber", b.phoneNumber()),
                pick(json, "CompanyName", b.companyName()), pick(json, "OrganizationNo", b.organizationNo()),
                pick(json, "VatNo", b.vatNo()), pick(json, "AddressLine1", b.addressLine1()),
                pick(json, "ZipCode", b.zipCode()), pick(json, "City", b.city()),
                pick(json, "CountryCode", b.countryCode()));
    }

    private static String pick(JsonNode json, String name, String base) {
        return field(json, name).isMissingNode() ? base : text(json, name);
    }

    static <T> T orElse(T value, T fallback) {
        return value != null ? value : fallback;
    }
}
