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
    private NorceJson() {
    }

    static String time(Instant instant) {
        return instant == null ? null : instant.toString();
    }

    /**
     * One Query 2.0 order with the navigations in {@code expand}: only properties the Query 2.0 Order documents
     * (or that a client audited against a live tenant reads), lookups as the tenant's ids, never as codes.
     * {@link NorceQueryModel#ORDER} lists the same names.
     */
    public static ObjectNode order(Order o, Set<String> expand, NorceTenant tenant) {
        ObjectNode n = Json.object();
        n.put("Id", o.id());
        n.put("ApplicationId", o.applicationId());
        n.put("QuotationId", o.quotationId());
        n.put("OrderNo", o.orderNo());
        n.put("OrderDate", time(o.orderDate()));
        n.put("Created", time(o.created()));
        n.put("Updated", time(o.updated()));
        n.put("StatusId", o.statusId());
        n.put("CurrencyId", NorceTenant.id(tenant.currencies(), o.currencyCode()));
        // Observed as 0 in practice: the VAT lives on the lines.
        n.put("VatRate", BigDecimal.ZERO);
        n.put("FreightCost", o.freightCost());
        n.put("OrderFee", o.orderFee());
        n.put("CashDiscount", BigDecimal.ZERO.setScale(2));
        n.put("LineDiscount", o.lineDiscount());
        n.put("PaymentMethodId", NorceTenant.id(tenant.paymentMethods(), o.paymentMethodCode()));
        n.put("PaymentTerms", o.paymentMethodCode());
        n.put("BuyerCustomerCode", o.buyerCustomerCode());
        n.putNull("BuyerCustomerId");
        n.put("BuyerCompanyCode", o.buyerCompanyCode());
        n.put("BuyerCompanyId", o.buyerCompanyId());
        CustomerInfo delivery = o.shipTo() != null ? o.shipTo() : o.buyer();
        n.put("DeliveryCountryId", delivery == null ? null
                : NorceTenant.id(tenant.countries(), delivery.countryCode()));
        n.put("DeliveryZipCode", delivery == null ? null : delivery.zipCode());
        n.put("IsForgotten", o.isForgotten());
        if (expand.contains("Items")) {
            ArrayNode items = n.putArray("Items");
            for (OrderItem i : o.items()) {
                items.add(item(i, o, tenant));
            }
        }
        if (expand.contains("Buyer")) {
            n.set("Buyer", customerInfo(o.buyer(), tenant));
        }
        if (expand.contains("ShipTo")) {
            n.set("ShipTo", customerInfo(o.shipTo(), tenant));
        }
        if (expand.contains("Payer")) {
            n.set("Payer", customerInfo(o.payer(), tenant));
        }
        if (expand.contains("Infos")) {
            n.putArray("Infos");
        }
        return n;
    }

    private static ObjectNode item(OrderItem i, Order o, NorceTenant tenant) {
        ObjectNode n = Json.object();
        n.put("Id", o.id() * 1000 + i.lineNumber());
        n.put("OrderId", o.id());
        n.put("LineNumber", i.lineNumber());
        n.put("StatusId", i.statusId());
        n.put("PartNo", i.partNo());
        n.put("ProductName", i.productName());
        n.put("QtyOrdered", i.qtyOrdered());
        n.put("CurrencyId", NorceTenant.id(tenant.currencies(), o.currencyCode()));
        n.put("VatRate", i.vatRate());
        // PriceSale is the unit price after discounts (the line's net amount per unit); DiscountAmount the line's
        // promotion discount. How Norce rounds a unit price that does not divide evenly is unknown: 2 decimals here.
        n.put("PriceSale", i.qtyOrdered().signum() == 0 ? i.priceSale()
                : i.lineAmount().divide(i.qtyOrdered(), 2, java.math.RoundingMode.HALF_UP));
        n.put("DiscountAmount", i.discountAmount());
        n.put("LineAmount", i.lineAmount());
        n.put("Created", time(o.created()));
        n.putNull("Updated");
        return n;
    }

    static JsonNode customerInfo(CustomerInfo c, NorceTenant tenant) {
        if (c == null) {
            return com.fasterxml.jackson.databind.node.NullNode.getInstance();
        }
        ObjectNode n = Json.object();
        n.put("FirstName", c.firstName());
        n.put("LastName", c.lastName());
        n.put("EmailAddress", c.emailAddress());
        n.put("PhoneNumber", c.phoneNumber());
        n.put("CompanyName", c.companyName());
        n.put("AddressLine1", c.addressLine1());
        n.put("ZipCode", c.zipCode());
        n.put("City", c.city());
        n.put("CountryId", NorceTenant.id(tenant.countries(), c.countryCode()));
        return n;
    }

    public static ObjectNode company(NorceModel.Company c) {
        ObjectNode n = Json.object();
        n.put("Id", c.id());
        n.put("Code", c.code());
        n.put("Name", c.name());
        n.put("OrganizationNo", c.organizationNo());
        n.put("VatNo", c.vatNo());
        return n;
    }

    /** A Core lookup row: {@code Id}, {@code Code} and the name Norce shows. */
    static ObjectNode lookup(int id, String code) {
        ObjectNode n = Json.object();
        n.put("Id", id);
        n.put("Code", code);
        n.put("DefaultName", code);
        return n;
    }

    /** The control view: the Query shape fully expanded plus what the Connect write-backs did to the order. */
    public static ObjectNode orderWithWriteBacks(Order o, NorceTenant tenant) {
        ObjectNode n = order(o, Set.of("Items", "Buyer", "ShipTo", "Payer"), tenant);
        n.put("CurrencyCode", o.currencyCode());
        n.put("PaymentRef", o.paymentRef());
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
