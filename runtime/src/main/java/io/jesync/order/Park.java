package io.jesync.order;

import io.jesync.order.ParkReason.Code;
import java.math.BigDecimal;

/** Every reason an order is parked, worded once so the docs and the console say the same thing. */
final class Park {
    private static final String RESEND = "then re-send the order.";

    private Park() {
    }

    static OrderMappingException missingEmail(String orderNo) {
        return park(Code.MISSING_EMAIL, orderNo, "buyer.email", null,
                "the buyer has no e-mail address, and e-conomic customers are found by e-mail.",
                "Add the buyer's e-mail to the order in the shop, or book this shop's orders on a default guest"
                        + " customer, " + RESEND);
    }

    static OrderMappingException missingName(String orderNo) {
        return park(Code.MISSING_NAME, orderNo, "buyer.name", null,
                "the buyer has neither a company name nor a first or last name; e-conomic needs a name for the"
                        + " customer and the invoice.",
                "Add the buyer's name to the order in the shop, " + RESEND);
    }

    static OrderMappingException unknownCountry(String orderNo, String field, String code) {
        String who = field.startsWith("shipTo") ? "delivery address" : "buyer's address";
        String problem = code == null || code.isBlank()
                ? "the " + who + " has no country, so the VAT zone cannot be chosen."
                : "the " + who + " has country code '" + show(code) + "', which is not a known ISO country code.";
        return park(Code.UNKNOWN_COUNTRY, orderNo, field, code, problem,
                "Correct the country on the order in the shop (two letters, e.g. SE), " + RESEND);
    }

    static OrderMappingException unknownCurrency(String orderNo, String currency) {
        return park(Code.UNKNOWN_CURRENCY, orderNo, "currency", currency,
                "the currency '" + show(currency) + "' is not an ISO 4217 currency code.",
                "Check the channel's currency in the shop, " + RESEND);
    }

    static OrderMappingException badQuantity(String orderNo, int index, int lineNo, String name, BigDecimal qty) {
        String quantity = qty == null ? "none" : qty.toPlainString();
        return park(Code.BAD_QUANTITY, orderNo, "lines[" + index + "].quantity", quantity,
                "line " + lineNo + " " + named(name) + "has quantity " + quantity
                        + "; e-conomic needs a quantity above zero with at most 2 decimals.",
                "Correct the quantity in the shop (returns are credited, not sent as negative lines), " + RESEND);
    }

    static OrderMappingException noLines(String orderNo) {
        return park(Code.NO_LINES, orderNo, "lines", null,
                "the order has no product lines; an invoice without goods would say nothing the customer bought.",
                "Check the order in the shop; if it is a test or an empty cart, skip it, otherwise " + RESEND);
    }

    static OrderMappingException tooManyLines(String orderNo, int lines, int max) {
        return park(Code.OUT_OF_BOUNDS, orderNo, "lines", Integer.toString(lines),
                "the order has " + lines + " lines; more than " + max + " on one invoice is taken for an error in"
                        + " the shop.",
                "Check the order in the shop, split it if it is real, " + RESEND);
    }

    static OrderMappingException outOfBounds(String orderNo, int index, int lineNo, String name, String field,
                                             String what, BigDecimal value, BigDecimal max) {
        return park(Code.OUT_OF_BOUNDS, orderNo, "lines[" + index + "]." + field, value.toPlainString(),
                "line " + lineNo + " " + named(name) + "has " + what + " " + value.toPlainString() + "; above "
                        + max.toPlainString() + " it is taken for an error in the shop, not a sale.",
                "Correct the line in the shop, " + RESEND);
    }

    static OrderMappingException missingPrice(String orderNo, int index, int lineNo, String name, String field) {
        return park(Code.MISSING_PRICE, orderNo, "lines[" + index + "]." + field, null,
                "line " + lineNo + " " + named(name) + "has no " + ("vatRate".equals(field) ? "VAT rate" : "price")
                        + ".",
                "Correct the line in the shop, " + RESEND);
    }

    static OrderMappingException badLineDiscount(String orderNo, int index, int lineNo, String name,
                                                 BigDecimal discount, BigDecimal lineAmount) {
        return park(Code.BAD_DISCOUNT, orderNo, "lines[" + index + "].discountAmount", discount.toPlainString(),
                "line " + lineNo + " " + named(name) + "has a discount of " + discount.toPlainString()
                        + ", but the line is worth " + lineAmount.toPlainString()
                        + " before discount; a discount must be between zero and the line amount.",
                "Correct the discount in the shop, " + RESEND);
    }

    static OrderMappingException badOrderDiscount(String orderNo, BigDecimal discount, BigDecimal productTotal) {
        return park(Code.BAD_DISCOUNT, orderNo, "orderDiscountExVat", discount.toPlainString(),
                "the order discount of " + discount.toPlainString() + " ex VAT is more than the products are worth ("
                        + productTotal.toPlainString() + " ex VAT).",
                "Correct the discount in the shop, " + RESEND);
    }

    static OrderMappingException missingArticleNumber(String orderNo, int index, int lineNo, String name) {
        return park(Code.MISSING_ARTICLE_NUMBER, orderNo, "lines[" + index + "].articleNumber", null,
                "line " + lineNo + " " + named(name)
                        + "has no article number; e-conomic books every line on a product number.",
                "Give the product an article number in the shop (and the same product number in e-conomic), "
                        + RESEND);
    }

    static OrderMappingException articleNumberTooLong(String orderNo, int index, int lineNo, String article,
                                                      int max) {
        return park(Code.ARTICLE_NUMBER_TOO_LONG, orderNo, "lines[" + index + "].articleNumber", article,
                "line " + lineNo + " has article number '" + show(article) + "' with " + article.length()
                        + " characters; e-conomic allows at most " + max + ".",
                "Shorten the article number in the shop, " + RESEND);
    }

    static OrderMappingException textTooLong(String orderNo, String field, String what, String value, int max,
                                             String action) {
        return park(Code.TEXT_TOO_LONG, orderNo, field, value,
                what + " '" + show(value) + "' has " + value.length() + " characters; e-conomic allows at most "
                        + max + ".",
                action + ", " + RESEND);
    }

    static OrderMappingException totalsDoNotAddUp(String orderNo, String currency, TotalCheck check,
                                                  BigDecimal tolerance) {
        return park(Code.TOTALS_DO_NOT_ADD_UP, orderNo, "totalIncVat", check.shopTotalIncVat().toPlainString(),
                "the shop says the customer pays " + check.shopTotalIncVat().toPlainString() + " " + currency
                        + " incl. VAT, but the invoice lines add up to " + check.economicGross().toPlainString()
                        + " " + currency + " (difference " + check.difference().toPlainString() + ", at most "
                        + tolerance.toPlainString() + " is accepted as rounding).",
                "Check the order's prices, discounts and VAT (and the buyer's VAT number) in the shop, " + RESEND);
    }

    static OrderMappingException unreadableOrder(String orderNo, String field, String problem) {
        return park(Code.UNREADABLE_ORDER, orderNo, field, null, "the shop sent the order in a form the integration"
                        + " cannot read: " + problem,
                "Check the order in the shop admin; if it looks right, report it with this message to support, "
                        + RESEND);
    }

    /**
     * Words every park for the order's state in the shop carries: such an order is handed back to the flow when the
     * poll sees it in a trigger status again, instead of waiting for a manual re-send.
     */
    static final String STATE_MARK = "before it could be sent";

    /** Whether {@code reason} is a park for the order's state in the shop, not for its data. */
    static boolean forShopState(String reason) {
        return reason != null && reason.contains(STATE_MARK);
    }

    static OrderMappingException orderVanished(String orderNo) {
        return park(Code.ORDER_VANISHED, orderNo, "orderNo", orderNo, "the order is no longer in the shop (deleted,"
                        + " or its status left the trigger statuses " + STATE_MARK + ").",
                "If the order should be invoiced, restore it in the shop, " + RESEND);
    }

    static OrderMappingException leftTriggerStatuses(String orderNo, int statusId) {
        return park(Code.ORDER_VANISHED, orderNo, "statusId", Integer.toString(statusId), "the order left the"
                        + " statuses that send it to e-conomic (it now has status " + statusId + ") " + STATE_MARK
                        + ", e.g. it was cancelled in the shop.",
                "If it should still be invoiced, set it back to a trigger status in the shop: it is sent again"
                        + " then by itself.");
    }

    static OrderMappingException articleNotInEconomic(String orderNo, int index, String article) {
        return park(Code.ARTICLE_NOT_IN_ECONOMIC, orderNo, "lines[" + index + "].articleNumber", article,
                "article '" + show(article) + "' is not in e-conomic, and e-conomic owns the products in this"
                        + " setup (sync.mode=erp-master).",
                "Create the article in e-conomic with exactly this product number (or correct it in the shop), "
                        + RESEND);
    }

    static OrderMappingException articleGoneFromEconomic(String orderNo, int index, String article, boolean barred) {
        if (barred) {
            return park(Code.REJECTED_BY_ECONOMIC, orderNo, "lines[" + index + "].articleNumber", article,
                    "e-conomic refused the document, and article '" + show(article) + "' is barred in e-conomic.",
                    "Lift the bar on the product in e-conomic (or take the line off the order in the shop), " + RESEND);
        }
        return park(Code.ARTICLE_NOT_IN_ECONOMIC, orderNo, "lines[" + index + "].articleNumber", article,
                "e-conomic refused the document, and article '" + show(article) + "' is no longer in e-conomic"
                        + " (deleted after it was last seen).",
                "Create the article in e-conomic again (or correct the line in the shop), " + RESEND
                        + " In ecom-master and combo the re-send creates it.");
    }

    static OrderMappingException noProductGroupForVat(String orderNo, int index, String article, BigDecimal vatRate) {
        return park(Code.ARTICLE_NOT_IN_ECONOMIC, orderNo, "lines[" + index + "].vatRate", vatRate.toPlainString(),
                "article '" + show(article) + "' is not in e-conomic yet, and no product group is set for its VAT"
                        + " rate " + vatRate.toPlainString() + " %, so it cannot be created with the right VAT.",
                "Add the rate to shop.<id>.products.group-by-vat-rate (e.g. 25:1,12:2,6:3), or create the article in"
                        + " e-conomic, " + RESEND);
    }

    static OrderMappingException refusedByAgreement(String orderNo, String documentType, String path, String said) {
        boolean orders = path != null && path.startsWith("/orders");
        return park(Code.REFUSED_BY_AGREEMENT, orderNo, "documentType", documentType,
                orders ? "e-conomic refuses documents in /orders on this agreement: it has the inventory module"
                        + " (switched on after the runtime started, or not checked at start-up)."
                        : "e-conomic accepted the tokens but refuses " + (path == null ? "the call" : path)
                        + ": the app's role or the agreement's modules do not allow it (" + said + ").",
                orders ? "Set shop.<id>.orders.document-type to draft-invoice or booked-invoice, restart, then"
                        + " re-send the order."
                        : "Ask for a grant with the right role, or change the setting that needs it, " + RESEND);
    }

    static OrderMappingException roundingLineTaxed(String orderNo, String product, long draft, boolean deleted) {
        return park(Code.TOTALS_DIFFER_IN_ECONOMIC, orderNo, "roundingProductNumber", product,
                "e-conomic put VAT on the rounding line (product '" + show(product) + "') of draft " + draft
                        + ", so the rounding itself changed the total"
                        + (deleted ? "; the draft was deleted again." : "; the draft could not be deleted."),
                "Move product " + show(product) + " to a product group without VAT in e-conomic, " + RESEND);
    }

    static OrderMappingException rejectedByEconomic(String orderNo, String field, String value, String problem) {
        return park(Code.REJECTED_BY_ECONOMIC, orderNo, field, value, "e-conomic refused the document: " + problem,
                "Correct the data in the shop or the setting named above, " + RESEND);
    }

    static OrderMappingException totalsDifferInEconomic(String orderNo, String currency, TotalCheck check,
                                                        long documentNumber, boolean deleted) {
        String found = "e-conomic computed " + check.economicGross().toPlainString() + " " + currency + " incl. VAT"
                + " for draft " + documentNumber + ", but the shop charged " + check.shopTotalIncVat().toPlainString()
                + " " + currency + " (difference " + check.difference().toPlainString() + ")";
        return deleted
                ? park(Code.TOTALS_DIFFER_IN_ECONOMIC, orderNo, "totalIncVat", check.shopTotalIncVat().toPlainString(),
                found + "; the draft was deleted again, so nothing of this order is left in e-conomic.",
                "Compare the VAT zone and the product groups' VAT in e-conomic with the order, fix the cause, "
                        + RESEND)
                : park(Code.TOTALS_DIFFER_IN_ECONOMIC, orderNo, "totalIncVat", check.shopTotalIncVat().toPlainString(),
                found + "; the draft could not be deleted and is still there.",
                "Compare VAT zone and product groups of the draft in e-conomic with the order; fix the draft there"
                        + " and book it by hand, or delete the draft, fix the cause, " + RESEND);
    }

    static OrderMappingException plugin(String orderNo, io.jesync.plugin.PluginException e) {
        return park(Code.PLUGIN, orderNo, e.point().endpoint(), e.plugin().routeId(), e.getMessage() + ".",
                "Fix the plugin or remove its file from the plugin folder (either takes effect without a restart), "
                        + RESEND);
    }

    private static OrderMappingException park(Code code, String orderNo, String field, String value, String problem,
                                              String action) {
        return new OrderMappingException(ParkReason.of(code, orderNo, field, value, problem, action));
    }

    private static String named(String name) {
        return Texts.isBlank(name) ? "" : "('" + show(name) + "') ";
    }

    private static String show(String value) {
        return Texts.shorten(value, ParkReason.MAX_VALUE_LENGTH);
    }
}
