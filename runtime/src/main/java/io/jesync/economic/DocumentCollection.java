package io.jesync.economic;

/**
 * Every e-conomic collection a document we create can end up in, with the property that numbers it there.
 * A draft invoice moves to booked when booked; an order draft moves to sent and then archived.
 */
public enum DocumentCollection {
    INVOICE_DRAFTS("/invoices/drafts", "draftInvoiceNumber"),
    INVOICES_BOOKED("/invoices/booked", "bookedInvoiceNumber"),
    ORDER_DRAFTS("/orders/drafts", "orderNumber"),
    ORDERS_SENT("/orders/sent", "orderNumber"),
    ORDERS_ARCHIVED("/orders/archived", "orderNumber");

    private final String path;
    private final String numberProperty;

    DocumentCollection(String path, String numberProperty) {
        this.path = path;
        this.numberProperty = numberProperty;
    }

    public String path() {
        return path;
    }

    public String numberProperty() {
        return numberProperty;
    }
}
