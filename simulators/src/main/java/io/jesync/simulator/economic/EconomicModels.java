package io.jesync.simulator.economic;

import static io.jesync.simulator.economic.FieldRule.array;
import static io.jesync.simulator.economic.FieldRule.bool;
import static io.jesync.simulator.economic.FieldRule.date;
import static io.jesync.simulator.economic.FieldRule.integer;
import static io.jesync.simulator.economic.FieldRule.money;
import static io.jesync.simulator.economic.FieldRule.number;
import static io.jesync.simulator.economic.FieldRule.object;
import static io.jesync.simulator.economic.FieldRule.reference;
import static io.jesync.simulator.economic.FieldRule.string;

import java.util.Map;

/**
 * Write models of the simulated resources, transcribed from e-conomic's published schemas
 * ({@code customers.post}, {@code products.post}, {@code invoices.drafts.post}, {@code orders.drafts.post},
 * {@code invoices.booked.post}; docs/simulators.md names the source). Read-only totals are declared so they are
 * ignored. The contract profile ({@code mvn -Pcontract}) holds this transcription against the published files.
 */
final class EconomicModels {
    static final String[] PAYMENT_TERMS_TYPES = {"net", "invoiceMonth", "paidInCash", "prepaid", "dueDate", "factoring",
            "invoiceWeekStartingSunday", "invoiceWeekStartingMonday", "creditcard", "avtaleGiro"};

    static final FieldRule CUSTOMER = object()
            .prop("customerNumber", integer().minimum(1).maximum(999_999_999))
            .prop("name", string(255).minLength(1).required())
            .prop("currency", string(3).minLength(3).required())
            .prop("customerGroup", reference("customerGroupNumber").required())
            .prop("paymentTerms", reference("paymentTermsNumber").required())
            .prop("vatZone", reference("vatZoneNumber").required())
            .prop("layout", reference("layoutNumber"))
            .prop("salesPerson", reference("employeeNumber"))
            .prop("barred", bool())
            .prop("address", string(510))
            .prop("zip", string(30))
            .prop("city", string(50))
            .prop("country", string(50))
            .prop("corporateIdentificationNumber", string(40))
            .prop("pNumber", string(10).minLength(10))
            .prop("ean", string(13))
            .prop("email", string(255))
            .prop("publicEntryNumber", string(50))
            .prop("telephoneAndFaxNumber", string(255))
            .prop("mobilePhone", string(50))
            .prop("vatNumber", string(20))
            .prop("website", string(255))
            .prop("creditLimit", number())
            .prop("eInvoicingDisabledByDefault", bool())
            .prop("balance", number().readOnly())
            .prop("dueAmount", number().readOnly())
            .prop("lastUpdated", string().readOnly());

    static final FieldRule PRODUCT = object()
            .prop("productNumber", string(25).minLength(1).required())
            .prop("name", string(300).minLength(1).required())
            .prop("productGroup", reference("productGroupNumber").required())
            .prop("description", string(500))
            .prop("costPrice", number())
            .prop("recommendedPrice", number())
            .prop("salesPrice", number())
            .prop("barCode", string(50))
            .prop("barred", bool())
            .prop("unit", reference("unitNumber"))
            .prop("departmentalDistribution", reference("departmentalDistributionNumber"))
            .prop("inventory", object()
                    .prop("available", number().readOnly())
                    .prop("inStock", number().readOnly())
                    .prop("orderedByCustomers", number().readOnly())
                    .prop("orderedFromSuppliers", number().readOnly())
                    .prop("grossWeight", number().readOnly())
                    .prop("netWeight", number().readOnly())
                    .prop("inventoryLastUpdated", string().readOnly())
                    .prop("packageVolume", money())
                    .prop("recommendedCostPrice", money()))
            .prop("lastUpdated", string().readOnly());

    /** A line in a document; e-conomic numbers lines itself when they are added to a draft. */
    static final FieldRule LINE = line().prop("lineNumber", integer().minimum(1));

    /** A line added to an existing draft invoice: the published schema has no lineNumber for it. */
    static final FieldRule NEW_LINE = line();

    private static FieldRule line() {
        return object()
                .prop("sortKey", integer().minimum(1))
                .prop("description", string(2500))
                .prop("product", object().prop("productNumber", string(25)).prop("self", string()))
                .prop("quantity", money())
                .prop("unit", reference("unitNumber"))
                .prop("unitNetPrice", money())
                .prop("discountPercentage", money())
                .prop("unitCostPrice", money())
                .prop("departmentalDistribution", reference("departmentalDistributionNumber"))
                .prop("accrual", object().prop("startDate", date()).prop("endDate", date()))
                .prop("totalNetAmount", number().readOnly())
                .prop("vatRate", number().readOnly())
                .prop("vatAmount", number().readOnly())
                .prop("marginInBaseCurrency", number().readOnly())
                .prop("marginPercentage", number().readOnly());
    }

    /** Draft invoices and draft orders share the model (e-conomic documents the same required fields and line model for both). */
    static final FieldRule SALES_DOCUMENT = object()
            .prop("date", date().pattern("\\d{4}-\\d{2}-\\d{2}").required())
            .prop("currency", string().pattern("[a-zA-Z]{3}").required())
            .prop("exchangeRate", number().maxDecimal(6).maximum(999_999_999_999L))
            .prop("dueDate", date())
            .prop("customer", reference("customerNumber").prop("customerNumber",
                    integer().minimum(1).maximum(999_999_999)).required())
            .prop("layout", reference("layoutNumber").required())
            .prop("paymentTerms", reference("paymentTermsNumber")
                    .prop("daysOfCredit", integer().minimum(0))
                    .prop("paymentTermsType", string().oneOf(PAYMENT_TERMS_TYPES)).required())
            .prop("recipient", object()
                    .prop("name", string(250).required())
                    .prop("address", string(250))
                    .prop("zip", string(50))
                    .prop("city", string(250))
                    .prop("country", string(50))
                    .prop("ean", string(13))
                    .prop("publicEntryNumber", string(40))
                    .prop("mobilePhone", string())
                    .prop("nemHandelType", string().oneOf("ean", "corporateIdentificationNumber", "pNumber", "peppol"))
                    .prop("attention", reference("customerContactNumber"))
                    .prop("vatZone", reference("vatZoneNumber").required())
                    .required())
            .prop("deliveryLocation", reference("deliveryLocationNumber"))
            .prop("delivery", object()
                    .prop("address", string(255))
                    .prop("zip", string(30))
                    .prop("city", string(50))
                    .prop("country", string(50))
                    .prop("deliveryTerms", string(100))
                    .prop("deliveryDate", date()))
            .prop("notes", object()
                    .prop("heading", string(250))
                    .prop("textLine1", string(1000))
                    .prop("textLine2", string(1000)))
            .prop("references", object()
                    .prop("other", string(250))
                    .prop("customerContact", reference("customerContactNumber"))
                    .prop("salesPerson", reference("employeeNumber"))
                    .prop("vendorReference", reference("employeeNumber")))
            .prop("project", reference("projectNumber"))
            .prop("lines", array(LINE))
            .prop("netAmount", number().readOnly())
            .prop("vatAmount", number().readOnly())
            .prop("grossAmount", number().readOnly())
            .prop("roundingAmount", number().readOnly())
            .prop("netAmountInBaseCurrency", number().readOnly())
            .prop("grossAmountInBaseCurrency", number().readOnly())
            .prop("marginInBaseCurrency", number().readOnly())
            .prop("marginPercentage", number().readOnly())
            .prop("costPriceInBaseCurrency", number().readOnly());

    static final FieldRule LINES = object().prop("lines", array(NEW_LINE).required());

    static final FieldRule BOOKING = object()
            .prop("draftInvoice", reference("draftInvoiceNumber")
                    .prop("draftInvoiceNumber", integer().minimum(1).maximum(999_999_999)).required())
            .prop("bookWithNumber", integer().minimum(1))
            .prop("sendBy", string().oneOf("none", "EAN", "Email"));

    /**
     * Each model under the name of the published schema it transcribes ({@code <resource>.<verb>}); the contract
     * profile holds each against that schema. e-conomic publishes
     * none for {@code POST /orders/sent}, which takes the whole order document, so it is held to the draft order's
     * rules. The simulator also answers PUT on drafts and on a booked number with the POST rules, but their
     * published schemas differ (no layout, no recipient.mobilePhone, no sendBy), so they are not named here.
     */
    static final Map<String, FieldRule> BY_SCHEMA = Map.ofEntries(
            Map.entry("customers.post", CUSTOMER),
            Map.entry("customers.customerNo.put", CUSTOMER),
            Map.entry("products.post", PRODUCT),
            Map.entry("products.productNumber.put", PRODUCT),
            Map.entry("invoices.drafts.post", SALES_DOCUMENT),
            Map.entry("invoices.drafts.draftInvoiceNumber.lines.post", LINES),
            Map.entry("invoices.booked.post", BOOKING),
            Map.entry("orders.drafts.post", SALES_DOCUMENT),
            Map.entry("orders.sent.post", SALES_DOCUMENT),
            Map.entry("journals.journalNumber.vouchers.post", JournalModels.VOUCHER));

    private EconomicModels() {
    }
}
