package io.jesync.simulator.economic;

import static io.jesync.simulator.economic.FieldRule.array;
import static io.jesync.simulator.economic.FieldRule.date;
import static io.jesync.simulator.economic.FieldRule.integer;
import static io.jesync.simulator.economic.FieldRule.number;
import static io.jesync.simulator.economic.FieldRule.object;
import static io.jesync.simulator.economic.FieldRule.reference;
import static io.jesync.simulator.economic.FieldRule.string;

/**
 * The write model of journal vouchers, transcribed from e-conomic's published schema
 * {@code journals.journalNumber.vouchers.post} (the customer payment entry in full; the other entry types are not
 * simulated).
 */
final class JournalModels {
    /**
     * One customer payment entry of {@code journals.journalNumber.vouchers.post}. The schema marks only amount and
     * date required and says "either customer or contraAccount is required", which the routes check.
     */
    static final FieldRule CUSTOMER_PAYMENT = object()
            .prop("text", string(250))
            .prop("journal", object().prop("journalNumber", number().minimum(1)).prop("self", string()))
            .prop("amount", number().maxDecimal(2).required())
            .prop("contraAccount", object().prop("accountNumber", integer().minimum(1)).prop("self", string()))
            .prop("contraVatAccount", object().prop("vatCode", string(5)).prop("self", string()))
            .prop("currency", object().prop("code", string().pattern("[a-zA-Z]{3}")).prop("self", string()))
            .prop("date", date().required())
            .prop("departmentalDistribution", reference("departmentalDistributionNumber")
                    .prop("distributionType", string()))
            .prop("employee", reference("employeeNumber"))
            .prop("exchangeRate", number().maxDecimal(6))
            .prop("entryType", string().oneOf("customerPayment"))
            .prop("voucher", object().prop("voucherNumber", number().minimum(1).maximum(999_999_999))
                    .prop("self", string()))
            .prop("contraVatAmount", number().maxDecimal(2))
            .prop("contraVatAmountInBaseCurrency", number().maxDecimal(2))
            .prop("amountBaseCurrency", number().maxDecimal(2))
            .prop("remainder", number().maxDecimal(2))
            .prop("remainderInDefaultCurrency", number().maxDecimal(2))
            .prop("customer", object().prop("customerNumber", integer().minimum(1).maximum(999_999_999))
                    .prop("self", string()))
            .prop("customerInvoice", integer().minimum(1));

    /**
     * {@code journals.journalNumber.vouchers.post}. Only customer payments are simulated; the other entry types
     * (finance vouchers, supplier invoices and payments, manual customer invoices) are refused by the route.
     */
    static final FieldRule VOUCHER = object()
            .prop("voucherNumber", number().minimum(1).maximum(999_999_999))
            .prop("accountingYear", object().prop("year", string()).prop("self", string()).required())
            .prop("journal", object().prop("journalNumber", number().minimum(1)).prop("self", string()))
            .prop("entries", object().prop("customerPayments", array(CUSTOMER_PAYMENT)));

    private JournalModels() {
    }
}
