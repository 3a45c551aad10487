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

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;

import io.jesync.shop.ShopAddress;
import io.jesync.shop.ShopOrder;
import io.jesync.shop.ShopOrderLine;
import io.jesync.shop.ShopParty;

/**
 * Turns one Norce Query 2.0 order (as {@link NorceOrderReader} returns it, with Items, Buyer, ShipTo and Payer
 * expanded) into a {@link ShopOrder}. Lenient about optional fields, strict about the ones the order flow cannot do
 * without; whatever fails becomes a {@link NorceOrderParseException} naming the field. Strings pass through as
 * Norce sent them. The field mapping and its sources are in docs/norce-adapter.md.
 */
public final class NorceOrderMapper {
    /** Decimals stay exact: money read as double would turn 39.2 into 39.2000000000000028…. */
    static final ObjectMapper JSON = JsonMapper.builder().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES).build();
    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);
    private static final BigDecimal CENT = new BigDecimal("0.01");

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

    public static ShopOrder toShopOrder(String shopId, JsonNode rawOrder) throws NorceOrderParseException {
        if (rawOrder == null || !rawOrder.isObject()) {
            throw new NorceOrderParseException(null, null, "$", "the order is not a JSON object but "
                    + (rawOrder == null ? "nothing" : rawOrder.getNodeType().name().toLowerCase() + " "
                    + abbreviate(rawOrder.toString())));
        }
        Fields order = new Fields(rawOrder, readableOrderNo(rawOrder), readableId(rawOrder), "");
        long id = order.requiredLong("Id");
        String orderNo = order.requiredText("OrderNo");
        Instant orderDate = order.instant("OrderDate");
        Instant created = order.instant("Created");
        if (orderDate == null && created == null) {
            throw order.error("OrderDate", "the order has neither an OrderDate nor a Created date");
        }
        Instant updated = order.instant("Updated");
        List<ShopOrderLine> lines = lines(order);
        ShopParty buyer = buyer(order);
        ShopParty shipTo = order.isObject("ShipTo") ? party(order.child("ShipTo"), null) : buyer;
        BigDecimal cashDiscount = order.decimalOr("CashDiscount", BigDecimal.ZERO);
        return new ShopOrder(shopId, orderNo, id, (int) order.requiredLong("ApplicationId"),
                (int) order.requiredLong("StatusId"), orderDate != null ? orderDate : created,
                updated != null ? updated : created != null ? created : orderDate, currency(order), buyer, shipTo,
                lines, cashDiscount, totalIncVat(lines, cashDiscount), paymentMethod(order), order.text("PaymentRef"));
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

    /** Updated (else Created) of a raw order, or null when unreadable; the reader's watermark needs no more. */
    static Instant updatedOf(JsonNode rawOrder) {
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

    private static List<ShopOrderLine> lines(Fields order) throws NorceOrderParseException {
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
            lines.add(line(item, i));
        }
        return lines;
    }

    private static ShopOrderLine line(Fields item, int index) throws NorceOrderParseException {
        ShopOrderLine.Kind kind = kind(item.text("Type"));
        String partNo = item.text("PartNo");
        if (kind == ShopOrderLine.Kind.PRODUCT && (partNo == null || partNo.isBlank())) {
            throw item.error("PartNo", "a product line without an article number (PartNo)");
        }
        BigDecimal qty = item.requiredDecimal("QtyOrdered");
        BigDecimal price = item.requiredDecimal("PriceSale");
        BigDecimal discount = item.decimalOr("DiscountAmount", BigDecimal.ZERO);
        BigDecimal lineAmount = item.decimalOr("LineAmount", null);
        // The reference pins DiscountAmount as the whole line's discount only by one example (§4.2: 2 × 100 − 40 =
        // 160). Where a tenant's LineAmount disagrees, LineAmount is what the customer was charged, so it wins.
        if (lineAmount != null && qty.multiply(price).subtract(discount).subtract(lineAmount).abs().compareTo(CENT) > 0) {
            discount = qty.multiply(price).subtract(lineAmount);
        }
        long lineNumber = item.longOr("LineNumber", index + 1L);
        return new ShopOrderLine((int) lineNumber, kind, partNo, item.text("ProductName"), qty, price, discount,
                item.requiredDecimal("VatRate"));
    }

    /** Norce books fees as order lines; the OrderItem Type says which fee (reference §4.1 values, §2.6). */
    private static ShopOrderLine.Kind kind(String type) {
        if ("Freight".equalsIgnoreCase(type)) {
            return ShopOrderLine.Kind.SHIPPING;
        }
        if ("Invoice".equalsIgnoreCase(type)) {
            return ShopOrderLine.Kind.PAYMENT_FEE;
        }
        return ShopOrderLine.Kind.PRODUCT;
    }

    private static ShopParty buyer(Fields order) throws NorceOrderParseException {
        String customerCode = order.text("BuyerCustomerCode");
        if (customerCode == null || customerCode.isBlank()) {
            customerCode = order.text("BuyerCompanyCode");
        }
        // Payer stands in for a missing Buyer: it is the same person in a web checkout.
        for (String name : new String[] {"Buyer", "Payer"}) {
            if (order.isObject(name)) {
                return party(order.child(name), customerCode);
            }
        }
        throw order.error("Buyer", "the order has no Buyer (nor Payer); read it with $expand=Buyer");
    }

    private static ShopParty party(Fields info, String customerCode) throws NorceOrderParseException {
        String phone = info.text("PhoneNumber");
        if (phone == null) {
            phone = info.text("CellPhoneNumber");
        }
        return new ShopParty(customerCode, info.text("FirstName"), info.text("LastName"), info.text("CompanyName"),
                info.text("OrganizationNo"), info.text("VatNo"), info.text("EmailAddress"), phone, address(info));
    }

    private static ShopAddress address(Fields info) throws NorceOrderParseException {
        String country = info.text("CountryCode");
        if (country == null && info.has("CountryId")) {
            long countryId = info.requiredLong("CountryId");
            country = NorceLookups.COUNTRY_BY_ID.get((int) countryId);
            if (country == null) {
                throw info.error("CountryId", "country id " + countryId + " is not in the lookup table and no"
                        + " CountryCode was given");
            }
        }
        ShopAddress address = new ShopAddress(info.text("AddressLine1"), info.text("AddressLine2"),
                info.text("CareOf"), info.text("ZipCode"), info.text("City"), country);
        return address.equals(new ShopAddress(null, null, null, null, null, null)) ? null : address;
    }

    private static String currency(Fields order) throws NorceOrderParseException {
        String code = order.text("CurrencyCode");
        if (code != null && !code.isBlank()) {
            return code;
        }
        if (!order.has("CurrencyId")) {
            throw order.error("CurrencyCode", "the order has neither a CurrencyCode nor a CurrencyId");
        }
        long currencyId = order.requiredLong("CurrencyId");
        String mapped = NorceLookups.CURRENCY_BY_ID.get((int) currencyId);
        if (mapped == null) {
            throw order.error("CurrencyId", "currency id " + currencyId + " is not in the lookup table and no"
                    + " CurrencyCode was given");
        }
        return mapped;
    }

    /** The code when Norce gives one; else the tenant's numeric id as text, for the shop's payment mapping. */
    private static String paymentMethod(Fields order) throws NorceOrderParseException {
        String code = order.text("PaymentMethodCode");
        return code != null ? code : order.text("PaymentMethodId");
    }

    /**
     * Query 2.0 shows no order total (reference §4.2), so it is the lines' ex-VAT totals plus their VAT, summed
     * exactly and rounded once to cents, as a PSP reservation is. A cash discount (ex VAT) takes its share of VAT
     * with it, in proportion to the lines.
     */
    static BigDecimal totalIncVat(List<ShopOrderLine> lines, BigDecimal cashDiscountExVat) {
        BigDecimal exVat = BigDecimal.ZERO;
        BigDecimal incVat = BigDecimal.ZERO;
        for (ShopOrderLine line : lines) {
            BigDecimal lineEx = line.lineTotalExVat();
            exVat = exVat.add(lineEx);
            incVat = incVat.add(lineEx.add(lineEx.multiply(line.vatRate()).divide(HUNDRED)));
        }
        if (cashDiscountExVat.signum() != 0 && exVat.signum() != 0) {
            incVat = incVat.subtract(cashDiscountExVat.multiply(incVat).divide(exVat, 10, RoundingMode.HALF_UP));
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
