package io.jesync.simulator.norce;

import java.util.Iterator;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The JSON shapes of Connect 4.0's order operations, transcribed from Norce's published contracts
 * (StormCommerce/Storm.Connect.Contracts, Order/*.cs: SendOrderStatusRequest, DeliveryNote, Invoice, InvoiceItem,
 * Payment, CancelOrderRequest). A body with a member the contract does not have, a value of the wrong JSON type,
 * or without a member the operation cannot do without is refused with 400 before it touches an order.
 *
 * <p>Stricter than the server on one point, on purpose: WCF's data-contract binding is believed to ignore unknown
 * members (unverified), which would silently drop an invented field; refusing it makes such a field fail a test.
 */
final class NorceConnectContracts {
    enum Kind { INT, DECIMAL, STRING, BOOL, DATE, ENUM, OBJECT, ARRAY, ANY }

    record Shape(String type, Map<String, Kind> members, Map<String, Shape> nested) {
    }

    private static final Shape ORDER_INFO = new Shape("OrderInfo", Map.of("Code", Kind.STRING, "Value", Kind.STRING),
            Map.of());
    private static final Shape ITEM_STATUS = new Shape("OrderItemStatus",
            Map.of("LineNo", Kind.STRING, "ItemStatus", Kind.ENUM), Map.of());
    static final Shape SEND_ORDER_STATUS = new Shape("SendOrderStatusRequest", Map.of("ClientOrderRef", Kind.INT,
            "ErpOrderNo", Kind.STRING, "Infos", Kind.ARRAY, "OrderStatus", Kind.ENUM, "AccountId", Kind.INT,
            "ItemStatuses", Kind.ARRAY), Map.of("Infos", ORDER_INFO, "ItemStatuses", ITEM_STATUS));

    private static final Shape ADDRESS = new Shape("Address", Map.of("Line1", Kind.STRING, "Line2", Kind.STRING,
            "CareOf", Kind.STRING, "Box", Kind.STRING, "ZipCode", Kind.STRING, "City", Kind.STRING,
            "Region", Kind.STRING, "Country", Kind.STRING), Map.of());
    private static final Shape NOTE_ITEM = new Shape("DeliveryNoteItem", Map.of("Id", Kind.INT,
            "RowNumber", Kind.DECIMAL, "ItemNo", Kind.STRING, "Description", Kind.STRING, "Qty", Kind.DECIMAL,
            "Comment", Kind.STRING), Map.of());
    private static final Shape NOTE_PACKAGE = new Shape("DeliveryNotePackage", Map.of("Id", Kind.INT,
            "ParcelNumber", Kind.STRING, "StatusId", Kind.INT), Map.of());
    static final Shape DELIVERY_NOTE = new Shape("DeliveryNote", Map.ofEntries(Map.entry("OrderNo", Kind.STRING),
            Map.entry("NoteNo", Kind.STRING), Map.entry("BuyerCompanyCode", Kind.STRING),
            Map.entry("BuyerCustomerCode", Kind.STRING), Map.entry("DeliveryAddress", Kind.OBJECT),
            Map.entry("DeliveryDate", Kind.DATE), Map.entry("IsPrinted", Kind.BOOL),
            Map.entry("DeliveryName", Kind.STRING), Map.entry("DeliveryAttention", Kind.STRING),
            Map.entry("DeliveryMode", Kind.STRING), Map.entry("NoteText", Kind.STRING),
            Map.entry("DivisionCode", Kind.STRING), Map.entry("StatusId", Kind.INT),
            Map.entry("DeliveryNotePackages", Kind.ARRAY), Map.entry("DeliveryNoteItems", Kind.ARRAY)),
            Map.of("DeliveryAddress", ADDRESS, "DeliveryNotePackages", NOTE_PACKAGE, "DeliveryNoteItems", NOTE_ITEM));

    private static final Shape CODE_VALUE = new Shape("CodeValue", Map.of("Code", Kind.STRING, "Value", Kind.STRING),
            Map.of());
    private static final Shape PAYMENT = new Shape("Payment", Map.of("PaymentCode", Kind.INT,
            "PaymentMethodCode", Kind.STRING, "PaymentRef", Kind.STRING, "Amount", Kind.DECIMAL,
            "CurrencyCode", Kind.STRING, "AdditionalInfo", Kind.ARRAY, "PaymentName", Kind.STRING),
            Map.of("AdditionalInfo", CODE_VALUE));
    private static final Shape INVOICE_ITEM = new Shape("InvoiceItem", Map.ofEntries(Map.entry("LineNo", Kind.DECIMAL),
            Map.entry("PartNo", Kind.STRING), Map.entry("Description", Kind.STRING), Map.entry("Quantity", Kind.INT),
            Map.entry("UnitPrice", Kind.DECIMAL), Map.entry("SalePrice", Kind.DECIMAL),
            Map.entry("LineAmount", Kind.DECIMAL), Map.entry("UnitVat", Kind.DECIMAL),
            Map.entry("PriceList", Kind.STRING), Map.entry("VatRate", Kind.DECIMAL),
            Map.entry("Discount", Kind.DECIMAL), Map.entry("ProductName", Kind.STRING)), Map.of());
    static final Shape INVOICE = new Shape("Invoice", Map.ofEntries(Map.entry("InvoiceNo", Kind.STRING),
            Map.entry("ClientOrderRef", Kind.INT), Map.entry("ErpOrderNo", Kind.STRING),
            Map.entry("DeliveryDate", Kind.DATE), Map.entry("InvoiceDate", Kind.DATE),
            Map.entry("InvoiceDueDate", Kind.DATE), Map.entry("Payment", Kind.OBJECT),
            Map.entry("CurrencyCode", Kind.STRING), Map.entry("TotalAmount", Kind.DECIMAL),
            Map.entry("InvoiceRoundOff", Kind.DECIMAL), Map.entry("Vat", Kind.DECIMAL),
            Map.entry("VatRoundOff", Kind.DECIMAL), Map.entry("Items", Kind.ARRAY), Map.entry("Name", Kind.STRING),
            Map.entry("AddressLine1", Kind.STRING), Map.entry("AddressLine2", Kind.STRING),
            Map.entry("ZipCode", Kind.STRING), Map.entry("City", Kind.STRING),
            Map.entry("ApplicationKey", Kind.STRING), Map.entry("IsLastInvoiceForOrder", Kind.BOOL),
            Map.entry("CreditedInvoiceNo", Kind.STRING), Map.entry("Comment", Kind.STRING),
            Map.entry("Attention", Kind.STRING), Map.entry("CareOf", Kind.STRING), Map.entry("Region", Kind.STRING),
            Map.entry("Country", Kind.STRING), Map.entry("GroupCode", Kind.STRING), Map.entry("Gln", Kind.STRING),
            Map.entry("PaymentMethodCode", Kind.STRING), Map.entry("PaymentMethodName", Kind.STRING),
            Map.entry("SuppressPspCall", Kind.BOOL), Map.entry("CultureCode", Kind.STRING),
            Map.entry("CountryCode", Kind.STRING)), Map.of("Payment", PAYMENT, "Items", INVOICE_ITEM));
    static final Shape CANCEL_ORDER = new Shape("CancelOrderRequest", Map.of("ClientOrderRef", Kind.INT,
            "ErpOrderNo", Kind.STRING, "Payments", Kind.ARRAY), Map.of("Payments", PAYMENT));

    private NorceConnectContracts() {
    }

    /** Checks {@code body} against {@code shape}; throws the 400 Connect would answer. */
    static void check(Shape shape, JsonNode body) {
        check(shape, body, "");
    }

    private static void check(Shape shape, JsonNode node, String path) {
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> member = it.next();
            String name = canonical(shape, member.getKey());
            if (name == null) {
                throw NorceConnectOrders.failed("'" + path + member.getKey() + "' is not a member of "
                        + shape.type() + ".");
            }
            JsonNode value = member.getValue();
            if (value.isNull()) {
                continue;
            }
            Kind kind = shape.members().get(name);
            String where = path + name;
            boolean ok = switch (kind) {
                case INT -> value.isIntegralNumber() && value.canConvertToInt()
                        || value.isTextual() && value.asText().matches("-?\\d{1,9}");
                case DECIMAL -> value.isNumber() || value.isTextual() && value.asText().matches("-?\\d+(\\.\\d+)?");
                case STRING, DATE -> value.isTextual();
                case BOOL -> value.isBoolean();
                case ENUM -> value.isTextual() || value.isIntegralNumber();
                case OBJECT -> value.isObject();
                case ARRAY -> value.isArray();
                case ANY -> true;
            };
            if (!ok) {
                throw NorceConnectOrders.failed("'" + where + "' must be " + describe(kind) + " in " + shape.type()
                        + ", not " + abbreviate(value.toString()) + ".");
            }
            Shape nested = shape.nested().get(name);
            if (nested != null && value.isObject()) {
                check(nested, value, where + ".");
            } else if (nested != null && value.isArray()) {
                for (int i = 0; i < value.size(); i++) {
                    if (!value.get(i).isObject()) {
                        throw NorceConnectOrders.failed("'" + where + "[" + i + "]' must be a " + nested.type()
                                + " object.");
                    }
                    check(nested, value.get(i), where + "[" + i + "].");
                }
            }
        }
    }

    /** ASP.NET binds member names case-insensitively; the contract's spelling is returned, or null if unknown. */
    private static String canonical(Shape shape, String name) {
        for (String member : shape.members().keySet()) {
            if (member.equalsIgnoreCase(name)) {
                return member;
            }
        }
        return null;
    }

    private static String describe(Kind kind) {
        return switch (kind) {
            case INT -> "a 32-bit whole number";
            case DECIMAL -> "a number";
            case STRING -> "text";
            case DATE -> "a date-time text";
            case BOOL -> "true or false";
            case ENUM -> "an enum name or number";
            case OBJECT -> "an object";
            case ARRAY -> "a list";
            case ANY -> "anything";
        };
    }

    private static String abbreviate(String text) {
        return text.length() > 60 ? text.substring(0, 60) + "…" : text;
    }
}
