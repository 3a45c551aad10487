package io.jesync.shop.norce;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.jesync.json.Json;
import io.jesync.shop.ShopAddress;
import io.jesync.shop.ShopOrder;
import io.jesync.shop.ShopOrderLine;
import io.jesync.shop.ShopParty;

/**
 * Turns one Norce Query 2.0 order (as {@link NorceOrderReader} returns it, with Items, Buyer, Payer and ShipTo
 * expanded, plus the {@value #RESOLVED} member {@link NorceShopOrders} adds with what the order's lookup ids meant
 * at read time) into a {@link ShopOrder}. A pure function: the same JSON always gives the same order, so a stored
 * snapshot maps as it did when it was read. Lenient about optional fields, strict about the ones the order flow
 * cannot do without; whatever fails becomes a {@link NorceOrderParseException} naming the field. The field mapping
 * and its sources are in docs/norce-adapter.md.
 */
public final class NorceOrderMapper {
    /** Decimals stay exact: money read as double would turn 39.2 into 39.2000000000000028…. */
    static final ObjectMapper JSON = Json.MAPPER;
    /** The member the runtime adds to a raw order: codes and rows its ids pointed to when it was read. */
    static final String RESOLVED = "_resolved";
    /** Set on the stand-in for an order whose answer alone was above the size cap: the reason it is parked. */
    static final String OVERSIZED = "_oversized";
    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);
    private static final int WORKING_SCALE = 10;
    /** SkuType ids (Connect contracts, SkuType): Freight 3, Invoice (the invoice fee) 9. */
    static final int SKU_FREIGHT = 3;
    static final int SKU_INVOICE_FEE = 9;

    private NorceOrderMapper() {
    }

    /** Maps one order given as JSON text; text that is not JSON fails like any other unreadable order. */
    public static ShopOrder toShopOrder(String shopId, String rawOrderJson) throws NorceOrderParseException {
        JsonNode raw;
        try {
            raw = JSON.readTree(rawOrderJson);
        } catch (IOException e) {
            throw new NorceOrderParseException(null, null, "$", "the order is not valid JSON ("
                    + e.getMessage().lines().findFirst().orElse("") + ")");
        }
        return toShopOrder(shopId, raw);
    }

    /** The stand-in {@link NorceOrderReader} keeps for an order too large to read: its id and why it is parked. */
    static JsonNode oversized(long orderId, int applicationId, int maxBytes) {
        return unread(orderId, applicationId, "Norce's answer for this order alone is larger than " + maxBytes
                + " bytes (a field far beyond any real order); it was not read");
    }

    /** The stand-in for an order whose answer alone broke a JSON limit (too deep, a number or text too long). */
    static JsonNode beyondLimits(long orderId, int applicationId, String limit) {
        return unread(orderId, applicationId, "Norce's answer for this order alone is beyond the runtime's JSON"
                + " limits (" + limit + "; at most " + Json.MAX_NESTING_DEPTH + " levels of nesting); it was not read");
    }

    private static JsonNode unread(long orderId, int applicationId, String reason) {
        return JSON.createObjectNode().put("Id", orderId).put("ApplicationId", applicationId).put(OVERSIZED, reason);
    }

    public static ShopOrder toShopOrder(String shopId, JsonNode rawOrder) throws NorceOrderParseException {
        if (rawOrder == null || !rawOrder.isObject()) {
            throw new NorceOrderParseException(null, null, "$", "the order is not a JSON object but "
                    + (rawOrder == null ? "nothing" : rawOrder.getNodeType().name().toLowerCase() + " "
                    + abbreviate(rawOrder.toString())));
        }
        if (rawOrder.has(OVERSIZED)) {
            throw new NorceOrderParseException(null, readableId(rawOrder), "$", rawOrder.path(OVERSIZED).asText());
        }
        Fields order = new Fields(rawOrder, readableOrderNo(rawOrder), readableId(rawOrder), "");
        JsonNode resolved = rawOrder.path(RESOLVED);
        long id = order.requiredLong("Id");
        String orderNo = orderNo(order);
        Instant orderDate = order.instant("OrderDate");
        Instant created = order.instant("Created");
        if (orderDate == null && created == null) {
            throw order.error("OrderDate", "the order has neither an OrderDate nor a Created date");
        }
        Instant updated = order.instant("Updated");
        // ApplicationId is nullable on Query 2.0: the application the order was read in stands in.
        long channel = order.has("ApplicationId") ? order.requiredLong("ApplicationId")
                : resolved.path("ApplicationId").asLong(-1);
        if (channel < 0) {
            throw order.error("ApplicationId", "the order has no ApplicationId");
        }
        List<ShopOrderLine> lines = lines(order, resolved.path("SkuTypes"));
        JsonNode countries = resolved.path("Countries");
        ShopParty buyer = buyer(order, resolved.path("BuyerCompany"), countries);
        ShopParty shipTo = order.isObject("ShipTo") ? party(order.child("ShipTo"), null, null, countries) : buyer;
        BigDecimal cashDiscount = order.decimalOr("CashDiscount", BigDecimal.ZERO);
        return new ShopOrder(shopId, orderNo, id, (int) channel, (int) order.requiredLong("StatusId"),
                orderDate != null ? orderDate : created,
                updated != null ? updated : created != null ? created : orderDate,
                currency(order, resolved), buyer, shipTo, lines, cashDiscount, totalIncVat(lines, cashDiscount),
                paymentMethod(order, resolved), null);
    }

    /**
     * The shop's order number: the quotation (basket) id, which Connect's ClientOrderRef matches and which does
     * not change; OrderNo starts as the same number but an ERP's confirmation may override it. OrderNo only when
     * there is no QuotationId (an order that did not come from a basket).
     */
    private static String orderNo(Fields order) throws NorceOrderParseException {
        if (order.has("QuotationId")) {
            return Long.toString(order.requiredLong("QuotationId"));
        }
        return order.requiredText("OrderNo");
    }

    /** The line numbers of a raw order whose own line status ({@code Items[].StatusId}) is {@code statusId}. */
    static java.util.Set<Integer> linesInStatus(JsonNode rawOrder, int statusId) {
        java.util.Set<Integer> lines = new java.util.TreeSet<>();
        JsonNode items = rawOrder.path("Items");
        for (int i = 0; i < items.size(); i++) {
            JsonNode item = items.get(i);
            if (item.path("StatusId").canConvertToInt() && item.path("StatusId").asInt() == statusId) {
                lines.add(item.path("LineNumber").asInt(i + 1));
            }
        }
        return lines;
    }

    /** Updated, else Created (never-updated orders), of a raw order; null when unreadable. */
    static Instant changedAt(JsonNode rawOrder) {
        for (String name : new String[] {"Updated", "Created"}) {
            JsonNode value = rawOrder.path(name);
            if (value.isTextual()) {
                Instant instant = parseInstant(value.asText());
                if (instant != null) {
                    return instant;
                }
            }
        }
        return null;
    }

    private static List<ShopOrderLine> lines(Fields order, JsonNode skuTypes) throws NorceOrderParseException {
        JsonNode items = order.node.get("Items");
        if (items == null || items.isNull()) {
            throw order.error("Items", "the order has no Items; read it with $expand=Items");
        }
        if (!items.isArray()) {
            throw order.error("Items", "Items is not a list");
        }
        List<ShopOrderLine> lines = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            Fields item = order.element("Items", i);
            if (!item.node.isObject()) {
                throw order.error("Items[" + i + "]", "the order line is not a JSON object");
            }
            lines.add(line(item, i, skuTypes));
        }
        return lines;
    }

    /**
     * One line. Norce's PriceSale is the unit price after discounts and LineAmount the line's net total (both ex
     * VAT); DiscountAmount the line's promotion discount. The neutral line is {@code qty × unit − discount} with
     * the unit price before the discount, so {@code unit = (LineAmount + DiscountAmount) / qty}, rounded up at 10
     * decimals when it does not divide evenly and the difference added to the discount: the line total is always
     * exactly LineAmount, what the customer was charged.
     */
    private static ShopOrderLine line(Fields item, int index, JsonNode skuTypes) throws NorceOrderParseException {
        String partNo = item.text("PartNo");
        ShopOrderLine.Kind kind = kind(partNo == null ? null : skuTypes.path(partNo));
        if (kind == ShopOrderLine.Kind.PRODUCT && (partNo == null || partNo.isBlank())) {
            throw item.error("PartNo", "a product line without an article number (PartNo)");
        }
        BigDecimal qty = item.requiredDecimal("QtyOrdered");
        BigDecimal priceSale = item.requiredDecimal("PriceSale");
        BigDecimal discount = item.decimalOr("DiscountAmount", BigDecimal.ZERO);
        BigDecimal lineAmount = item.decimalOr("LineAmount", qty.multiply(priceSale));
        BigDecimal unit;
        if (qty.signum() == 0) {
            unit = priceSale;
            discount = BigDecimal.ZERO;
        } else {
            unit = lineAmount.add(discount).divide(qty, WORKING_SCALE, RoundingMode.CEILING).stripTrailingZeros();
            if (unit.scale() < 2) {
                unit = unit.setScale(2);
            }
            discount = qty.multiply(unit).subtract(lineAmount);
        }
        long lineNumber = item.longOr("LineNumber", index + 1L);
        return new ShopOrderLine((int) lineNumber, kind, partNo, item.text("ProductName"), qty, unit, discount,
                item.requiredDecimal("VatRate"));
    }

    /** Freight and fees are ordinary lines; their SKU's TypeId says which. A SKU the tenant lacks is a product. */
    private static ShopOrderLine.Kind kind(JsonNode typeId) {
        if (typeId == null || !typeId.canConvertToInt()) {
            return ShopOrderLine.Kind.PRODUCT;
        }
        return switch (typeId.asInt()) {
            case SKU_FREIGHT -> ShopOrderLine.Kind.SHIPPING;
            case SKU_INVOICE_FEE -> ShopOrderLine.Kind.PAYMENT_FEE;
            default -> ShopOrderLine.Kind.PRODUCT;
        };
    }

    private static ShopParty buyer(Fields order, JsonNode company, JsonNode countries)
            throws NorceOrderParseException {
        String customerCode = order.text("BuyerCustomerCode");
        if (customerCode == null || customerCode.isBlank()) {
            customerCode = order.text("BuyerCompanyCode");
        }
        // Payer stands in for a missing Buyer: it is the same person in a web checkout.
        for (String name : new String[] {"Buyer", "Payer"}) {
            if (order.isObject(name)) {
                return party(order.child(name), customerCode, company.isObject() ? company : null, countries);
            }
        }
        throw order.error("Buyer", "the order has no Buyer (nor Payer); read it with $expand=Buyer");
    }

    /** Organisation and VAT numbers are not on the order: they come from the buyer's Customers/Companies row. */
    private static ShopParty party(Fields info, String customerCode, JsonNode company, JsonNode countries)
            throws NorceOrderParseException {
        String phone = info.text("PhoneNumber");
        if (phone == null) {
            phone = info.text("CellPhoneNumber");
        }
        String companyName = info.text("CompanyName");
        if ((companyName == null || companyName.isBlank()) && company != null) {
            companyName = text(company, "Name");
        }
        return new ShopParty(customerCode, info.text("FirstName"), info.text("LastName"), companyName,
                company == null ? null : text(company, "OrganizationNo"), company == null ? null : text(company, "VatNo"),
                info.text("EmailAddress"), phone, address(info, countries));
    }

    private static String text(JsonNode node, String name) {
        JsonNode value = node.path(name);
        return value.isTextual() && !value.asText().isBlank() ? value.asText() : null;
    }

    private static ShopAddress address(Fields info, JsonNode countries) throws NorceOrderParseException {
        String country = null;
        if (info.has("CountryId")) {
            long countryId = info.requiredLong("CountryId");
            country = text(countries, Long.toString(countryId));
            if (country == null) {
                throw info.error("CountryId", "country id " + countryId + " is not in the tenant's Core/Countries"
                        + " (read again just now)");
            }
        }
        ShopAddress address = new ShopAddress(info.text("AddressLine1"), info.text("AddressLine2"),
                info.text("CareOf"), info.text("ZipCode"), info.text("City"), country);
        return address.equals(new ShopAddress(null, null, null, null, null, null)) ? null : address;
    }

    private static String currency(Fields order, JsonNode resolved) throws NorceOrderParseException {
        if (!order.has("CurrencyId")) {
            throw order.error("CurrencyId", "the order has no CurrencyId");
        }
        long currencyId = order.requiredLong("CurrencyId");
        String code = text(resolved, "Currency");
        if (code == null) {
            throw order.error("CurrencyId", "currency id " + currencyId + " is not in the tenant's Core/Currencies"
                    + " (read again just now)");
        }
        return code;
    }

    /** The payment method's Code; PaymentTerms ("code from the PaymentMethod setting") when there is no id. */
    private static String paymentMethod(Fields order, JsonNode resolved) throws NorceOrderParseException {
        if (order.has("PaymentMethodId")) {
            String code = text(resolved, "PaymentMethod");
            if (code == null) {
                throw order.error("PaymentMethodId", "payment method id " + order.requiredLong("PaymentMethodId")
                        + " is not in the tenant's Core/PaymentMethods (read again just now)");
            }
            return code;
        }
        return order.text("PaymentTerms");
    }

    /**
     * Query 2.0 shows no order total, so it is the lines' ex-VAT totals plus their VAT, summed exactly and rounded
     * once to cents. An order-level (cash) discount, ex VAT, comes off the product lines only, each VAT rate
     * giving up its share of the product total, so its VAT is taken at the products' rates and never at the
     * freight's: the same allocation the e-conomic mapping makes (OrderMapper's discount lines), so the totals
     * check compares like with like.
     */
    static BigDecimal totalIncVat(List<ShopOrderLine> lines, BigDecimal cashDiscountExVat) {
        BigDecimal incVat = BigDecimal.ZERO;
        Map<BigDecimal, BigDecimal> productsByRate = new TreeMap<>();
        BigDecimal productTotal = BigDecimal.ZERO;
        for (ShopOrderLine line : lines) {
            BigDecimal lineEx = line.lineTotalExVat();
            incVat = incVat.add(lineEx.add(lineEx.multiply(line.vatRate()).divide(HUNDRED)));
            if (line.kind() == ShopOrderLine.Kind.PRODUCT) {
                productsByRate.merge(line.vatRate().stripTrailingZeros(), lineEx, BigDecimal::add);
                productTotal = productTotal.add(lineEx);
            }
        }
        if (cashDiscountExVat.signum() != 0 && productTotal.signum() != 0) {
            for (Map.Entry<BigDecimal, BigDecimal> rate : productsByRate.entrySet()) {
                BigDecimal share = cashDiscountExVat.multiply(rate.getValue())
                        .divide(productTotal, WORKING_SCALE, RoundingMode.HALF_UP);
                incVat = incVat.subtract(share.add(share.multiply(rate.getKey()).divide(HUNDRED)));
            }
        }
        return incVat.setScale(2, RoundingMode.HALF_UP);
    }

    private static String readableOrderNo(JsonNode order) {
        JsonNode value = order.get("OrderNo");
        return value != null && value.isValueNode() && !value.isNull() && !value.asText().isBlank()
                ? value.asText() : null;
    }

    private static Long readableId(JsonNode order) {
        JsonNode value = order.get("Id");
        return value != null && value.isIntegralNumber() ? value.asLong() : null;
    }

    static Instant parseInstant(String text) {
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException withoutOffset) {
            try {
                // Norce's .NET serialisers sometimes drop the offset; Norce keeps its times in UTC.
                return LocalDateTime.parse(text).toInstant(ZoneOffset.UTC);
            } catch (DateTimeParseException e) {
                return null;
            }
        }
    }

    private static String abbreviate(String text) {
        return text.length() > 80 ? text.substring(0, 80) + "…" : text;
    }

    /** One JSON object of the order with its path, so every error names the order and the exact field. */
    private record Fields(JsonNode node, String orderNo, Long orderId, String path) {

        Fields child(String name) {
            return new Fields(node.get(name), orderNo, orderId, path + name + ".");
        }

        Fields element(String array, int index) {
            return new Fields(node.get(array).get(index), orderNo, orderId, path + array + "[" + index + "].");
        }

        NorceOrderParseException error(String name, String problem) {
            return new NorceOrderParseException(orderNo, orderId, path + name, problem);
        }

        boolean has(String name) {
            JsonNode value = node.get(name);
            return value != null && !value.isNull();
        }

        boolean isObject(String name) {
            JsonNode value = node.get(name);
            return value != null && value.isObject();
        }

        String text(String name) throws NorceOrderParseException {
            JsonNode value = node.get(name);
            if (value == null || value.isNull()) {
                return null;
            }
            if (!value.isValueNode()) {
                throw error(name, "expected text but found " + abbreviate(value.toString()));
            }
            return value.asText();
        }

        String requiredText(String name) throws NorceOrderParseException {
            String text = text(name);
            if (text == null || text.isBlank()) {
                throw error(name, "the required " + name + " is missing");
            }
            return text;
        }

        BigDecimal decimalOr(String name, BigDecimal fallback) throws NorceOrderParseException {
            JsonNode value = node.get(name);
            if (value == null || value.isNull()) {
                return fallback;
            }
            if (value.isNumber()) {
                return value.decimalValue();
            }
            if (value.isTextual()) {
                try {
                    return new BigDecimal(value.asText().strip());
                } catch (NumberFormatException e) {
                    // falls through to the error below
                }
            }
            throw error(name, "expected a number but found " + abbreviate(value.toString()));
        }

        BigDecimal requiredDecimal(String name) throws NorceOrderParseException {
            BigDecimal value = decimalOr(name, null);
            if (value == null) {
                throw error(name, "the required " + name + " is missing");
            }
            return value;
        }

        long longOr(String name, long fallback) throws NorceOrderParseException {
            BigDecimal value = decimalOr(name, null);
            if (value == null) {
                return fallback;
            }
            try {
                return value.longValueExact();
            } catch (ArithmeticException e) {
                throw error(name, "expected a whole number but found " + value.toPlainString());
            }
        }

        long requiredLong(String name) throws NorceOrderParseException {
            if (!has(name)) {
                throw error(name, "the required " + name + " is missing");
            }
            return longOr(name, 0);
        }

        Instant instant(String name) throws NorceOrderParseException {
            String text = text(name);
            if (text == null) {
                return null;
            }
            Instant instant = parseInstant(text);
            if (instant == null) {
                throw error(name, "expected an ISO date-time but found \"" + abbreviate(text) + "\"");
            }
            return instant;
        }
    }
}
