package io.jesync.simulator.norce;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;

/** The simulated shop's data: immutable records, replaced as a whole when something changes. */
public final class NorceModel {
    private NorceModel() {
    }

    /** Connect's OrderStatus enum; Query's StatusId uses the same numbers. */
    public enum OrderStatus {
        CREATED(0, "Created"), ALLOCATION(1, "Allocation"), CONFIRMED(2, "Confirmed"), BACK_ORDER(3, "BackOrder"),
        DELIVERED(4, "Delivered"), INVOICED(5, "Invoiced"), CANCELLED(6, "Cancelled"),
        CREDIT_CONTROL(7, "CreditControl"), PARTLY_DELIVERED(8, "PartlyDelivered"), ACKNOWLEDGED(9, "Acknowledged"),
        ERP_CONFIRMED(10, "ErpConfirmed"), READY_FOR_PICKUP(11, "ReadyForPickup"), PICKED_UP(12, "PickedUp"),
        NOT_PICKED_UP(13, "NotPickedUp"), ON_HOLD(14, "OnHold"), WAITING_FOR_CANCEL(15, "WaitingForCancel"),
        WAITING_FOR_ON_HOLD_REMOVED(16, "WaitingForOnHoldRemoved"), CANCEL_ERROR(17, "CancelError"),
        ACKNOWLEDGEMENT_ERROR(18, "AcknowledgementError"), READY_FOR_RESERVATION(19, "ReadyForReservation"),
        RESERVED(20, "Reserved");

        private final int id;
        private final String wireName;

        OrderStatus(int id, String wireName) {
            this.id = id;
            this.wireName = wireName;
        }

        public int id() {
            return id;
        }

        public String wireName() {
            return wireName;
        }

        /** Connect accepts the enum's name or its number, as ASP.NET's enum binding does. */
        public static Optional<OrderStatus> parse(JsonNode value) {
            if (value == null || value.isNull() || value.isMissingNode()) {
                return Optional.empty();
            }
            if (value.isIntegralNumber() || value.asText().matches("\\d+")) {
                int id = value.asInt();
                return Arrays.stream(values()).filter(s -> s.id == id).findFirst();
            }
            String text = value.asText().toLowerCase(Locale.ROOT);
            return Arrays.stream(values()).filter(s -> s.wireName.toLowerCase(Locale.ROOT).equals(text)).findFirst();
        }
    }

    /** Job status ids of Connect's Job service. */
    public enum JobStatus {
        INITIALIZED(1), SUCCEEDED(2), FAILED(3), VALIDATION_FAILED(4), VALIDATING(5), QUEUED(6);

        private final int id;

        JobStatus(int id) {
            this.id = id;
        }

        public int id() {
            return id;
        }

        public boolean finished() {
            return this == SUCCEEDED || this == FAILED || this == VALIDATION_FAILED;
        }
    }

    /** Query's CustomerInfo (Buyer, ShipTo, Payer); guest buyers exist only here. */
    public record CustomerInfo(
            String firstName,
            String lastName,
            String emailAddress,
            String phoneNumber,
            String companyName,
            String organizationNo,
            String vatNo,
            String addressLine1,
            String zipCode,
            String city,
            String countryCode) {

        public CustomerInfo withEmailAddress(String email) {
            return new CustomerInfo(firstName, lastName, email, phoneNumber, companyName, organizationNo, vatNo,
                    addressLine1, zipCode, city, countryCode);
        }
    }

    /**
     * One order line. {@code priceSale} is per unit ex VAT and {@code discountAmount} is for the whole line, so
     * {@code lineAmount = qty × priceSale − discountAmount} (e.g. 2 × 100 − 40 = 160).
     */
    public record OrderItem(
            int lineNumber,
            String partNo,
            String productName,
            BigDecimal qtyOrdered,
            BigDecimal priceSale,
            BigDecimal discountAmount,
            BigDecimal vatRate,
            String type,
            String typeGroup,
            int statusId) {

        public static final String FREIGHT = "Freight";
        public static final String PAYMENT_FEE = "Invoice";
        public static final String FEE_GROUP = "Fee";

        public BigDecimal lineAmount() {
            return qtyOrdered.multiply(priceSale).subtract(discountAmount).setScale(2, RoundingMode.HALF_UP);
        }

        public boolean isFee() {
            return FEE_GROUP.equals(typeGroup);
        }

        OrderItem numbered(int number, int status) {
            return new OrderItem(number, partNo, productName, qtyOrdered, priceSale, discountAmount, vatRate, type,
                    typeGroup, status);
        }

        /** A product line, or a fee line when {@code type} is {@link #FREIGHT} or {@link #PAYMENT_FEE}. */
        public static OrderItem line(String partNo, String name, int qty, BigDecimal priceSale, BigDecimal discount,
                                     BigDecimal vatRate, String type) {
            boolean fee = FREIGHT.equals(type) || PAYMENT_FEE.equals(type);
            return new OrderItem(0, partNo, name, BigDecimal.valueOf(qty), priceSale, discount, vatRate,
                    fee ? type : "ErpStandard", fee ? FEE_GROUP : "Physical", 0);
        }
    }

    /** What a shop checkout (or a test) hands over to create an order; the store numbers and dates it. */
    public record OrderDraft(
            int applicationId,
            String currencyCode,
            int statusId,
            String paymentMethodCode,
            String buyerCustomerCode,
            String buyerCompanyCode,
            CustomerInfo buyer,
            CustomerInfo shipTo,
            CustomerInfo payer,
            List<OrderItem> items) {
    }

    /**
     * A stored order. {@code quotationId} is the basket id Connect's ClientOrderRef matches; {@code orderNo} starts
     * as the same number. {@code updated} is null until the order is first changed, as on a real tenant.
     * {@code paymentRef} (the PSP's reference) and the write-back fields at the end ({@code erpOrderNo} onwards)
     * are simulator bookkeeping; Query does not show them.
     */
    public record Order(
            long id,
            int applicationId,
            int quotationId,
            String orderNo,
            Instant orderDate,
            Instant created,
            Instant updated,
            int statusId,
            String currencyCode,
            String paymentMethodCode,
            String paymentRef,
            String buyerCustomerCode,
            String buyerCompanyCode,
            CustomerInfo buyer,
            CustomerInfo shipTo,
            CustomerInfo payer,
            List<OrderItem> items,
            Long buyerCompanyId,
            boolean isForgotten,
            String erpOrderNo,
            BigDecimal capturedAmount,
            boolean reservationCancelled,
            List<String> parcelNumbers) {

        public BigDecimal freightCost() {
            return sumOf(OrderItem.FREIGHT);
        }

        public BigDecimal orderFee() {
            return sumOf(OrderItem.PAYMENT_FEE);
        }

        private BigDecimal sumOf(String type) {
            return items.stream().filter(i -> type.equals(i.type())).map(OrderItem::lineAmount)
                    .reduce(BigDecimal.ZERO.setScale(2), BigDecimal::add);
        }

        public BigDecimal lineDiscount() {
            return items.stream().map(OrderItem::discountAmount).reduce(BigDecimal.ZERO.setScale(2), BigDecimal::add);
        }

        /** Total incl. VAT: what the PSP reserved and what a full capture takes. */
        public BigDecimal totalIncVat() {
            return items.stream()
                    .map(i -> i.lineAmount().multiply(BigDecimal.ONE.add(i.vatRate().movePointLeft(2))))
                    .reduce(BigDecimal.ZERO, BigDecimal::add).setScale(2, RoundingMode.HALF_UP);
        }

        public Order withStatus(int newStatus, Instant now) {
            return new Order(id, applicationId, quotationId, orderNo, orderDate, created, now, newStatus, currencyCode,
                    paymentMethodCode, paymentRef, buyerCustomerCode, buyerCompanyCode, buyer, shipTo, payer, items,
                    buyerCompanyId, isForgotten, erpOrderNo, capturedAmount, reservationCancelled, parcelNumbers);
        }

        Order withItems(List<OrderItem> newItems, Instant now) {
            return new Order(id, applicationId, quotationId, orderNo, orderDate, created, now, statusId, currencyCode,
                    paymentMethodCode, paymentRef, buyerCustomerCode, buyerCompanyCode, buyer, shipTo, payer,
                    List.copyOf(newItems), buyerCompanyId, isForgotten, erpOrderNo, capturedAmount, reservationCancelled,
                    parcelNumbers);
        }

        Order withWriteBack(int newStatus, Instant now, String erpNo, BigDecimal captured, boolean cancelled,
                            List<String> parcels) {
            return new Order(id, applicationId, quotationId, orderNo, orderDate, created, now, newStatus, currencyCode,
                    paymentMethodCode, paymentRef, buyerCustomerCode, buyerCompanyCode, buyer, shipTo, payer, items,
                    buyerCompanyId, isForgotten, erpNo, captured, cancelled, parcels);
        }

        Order withDraft(OrderDraft d, Instant now) {
            return new Order(id, d.applicationId(), quotationId, orderNo, orderDate, created, now, d.statusId(), d.currencyCode(),
                    d.paymentMethodCode(), paymentRef, d.buyerCustomerCode(), d.buyerCompanyCode(), d.buyer(),
                    d.shipTo(), d.payer(), NorceStore.numberLines(d.items(), d.statusId()), buyerCompanyId, isForgotten, erpOrderNo,
                    capturedAmount, reservationCancelled, parcelNumbers);
        }

        Order renumbered(String newOrderNo, Instant now) {
            return new Order(id, applicationId, quotationId, newOrderNo, orderDate, created, now, statusId,
                    currencyCode, paymentMethodCode, paymentRef, buyerCustomerCode, buyerCompanyCode, buyer, shipTo,
                    payer, items, buyerCompanyId, isForgotten, erpOrderNo, capturedAmount, reservationCancelled,
                    parcelNumbers);
        }

        public OrderDraft toDraft() {
            return new OrderDraft(applicationId, currencyCode, statusId, paymentMethodCode, buyerCustomerCode,
                    buyerCompanyCode, buyer, shipTo, payer, items);
        }
    }

    /** Query's Customers/Companies row: where a business buyer's organisation and VAT numbers live. */
    public record Company(long id, String code, String name, String organizationNo, String vatNo) {
    }

    /**
     * One SKU (the demo shop has one SKU per product). {@code standardPrice} is the ex-VAT base price; {@code updated}
     * is null until the SKU is first changed, as Query shows it.
     */
    public record Sku(
            long id,
            long productId,
            String partNo,
            String manufacturerCode,
            String manufacturerPartNo,
            String productCode,
            String name,
            int statusId,
            int typeId,
            String eanCode,
            BigDecimal vatRate,
            BigDecimal standardPrice,
            Instant created,
            Instant updated) {
    }

    /** Stock of one SKU at one warehouse location. */
    public record Onhand(
            String partNo,
            String warehouseCode,
            String locationCode,
            BigDecimal onhandValue,
            BigDecimal incomingValue,
            String nextDeliveryDate,
            Integer leadTimeDayCount,
            boolean isActive,
            Instant updated) {
    }

    /** A price list; {@code id} is the tenant's PriceListId (Query), {@code code} its Agreement (Connect's code). */
    public record PriceList(
            int id,
            String code,
            String name,
            String currencyCode,
            boolean isPublic,
            boolean isPrimary,
            Integer salesArea,
            boolean isActive,
            Instant updated) {
    }

    public record SkuPrice(
            String partNo,
            String priceListCode,
            int quantityBreak,
            BigDecimal priceSale,
            BigDecimal pricePrevious,
            BigDecimal priceRecommended,
            BigDecimal costPurchase,
            boolean isActive,
            Instant updated) {
    }

    public enum WriteBackKind { ORDER_STATUS, DELIVERY_NOTE, INVOICE, CANCEL_ORDER }

    /**
     * One accepted Connect order call: the request as sent, the order it hit and what it did there
     * ({@code captured} is the PSP capture amount, zero when suppressed or not an invoice).
     */
    public record WriteBack(
            long sequence,
            WriteBackKind kind,
            Instant receivedAt,
            long orderId,
            String orderNo,
            int statusBefore,
            int statusAfter,
            BigDecimal captured,
            boolean reservationCancelled,
            JsonNode request) {
    }
}
