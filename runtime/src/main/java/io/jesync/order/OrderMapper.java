package io.jesync.order;

import static io.jesync.order.LinePricing.HUNDRED;
import static io.jesync.order.LinePricing.round2;

import io.jesync.economic.model.EconomicCustomer;
import io.jesync.economic.model.EconomicDocument;
import io.jesync.economic.model.EconomicDocument.CustomerRef;
import io.jesync.economic.model.EconomicDocument.Delivery;
import io.jesync.economic.model.EconomicDocument.LayoutRef;
import io.jesync.economic.model.EconomicDocument.Line;
import io.jesync.economic.model.EconomicDocument.Notes;
import io.jesync.economic.model.EconomicDocument.ProductRef;
import io.jesync.economic.model.EconomicDocument.Recipient;
import io.jesync.economic.model.EconomicDocument.References;
import io.jesync.economic.model.PaymentTermsRef;
import io.jesync.economic.model.VatZoneRef;
import io.jesync.shop.ShopAddress;
import io.jesync.shop.ShopOrder;
import io.jesync.shop.ShopOrderLine;
import io.jesync.shop.ShopOrderLine.Kind;
import io.jesync.shop.ShopParty;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Turns a shop order into the e-conomic document and customer to create. Pure: no I/O, no clock, no lookups, so
 * the same order and settings always give the same JSON, which is what makes the stored payload hash meaningful
 * and a replay safe. Any order e-conomic would reject, or that would not say what the customer paid, ends in an
 * {@link OrderMappingException} naming the first problem in line order.
 */
public final class OrderMapper {
    static final int MAX_PRODUCT_NUMBER = 25;
    static final int MAX_REFERENCE = 250;
    static final int MAX_EMAIL = 255;
    static final int MAX_VAT_NUMBER = 20;
    static final int MAX_ORGANISATION_NUMBER = 40;
    /**
     * Sanity bounds, not e-conomic limits (it documents none): beyond them an order is far more likely a typo or a
     * broken import in the shop than a sale, and an invoice for it would be hard to take back.
     */
    static final BigDecimal MAX_QUANTITY = new BigDecimal("1000000");
    static final BigDecimal MAX_UNIT_PRICE = new BigDecimal("100000000");
    static final int MAX_LINES = 1000;
    /** Codes that are in ISO 4217 but are no money a shop charges in: test, no currency, metals, fund units. */
    private static final Set<String> NOT_MONEY = Set.of("XXX", "XTS", "XAU", "XAG", "XPT", "XPD", "XDR", "XBA",
            "XBB", "XBC", "XBD", "XSU", "XUA");

    private static final Pattern CURRENCY = Pattern.compile("[A-Z]{3}");
    private static final Set<String> ISO_CURRENCIES = java.util.Currency.getAvailableCurrencies().stream()
            .map(java.util.Currency::getCurrencyCode).collect(Collectors.toUnmodifiableSet());
    private static final int WORKING_SCALE = 10;

    private OrderMapper() {
    }

    /**
     * A line as it will be sent, with the shop's VAT rate kept for the totals check and the shop line it comes from
     * (null for the lines the mapping adds: order discount, rounding).
     */
    private record PlannedLine(Integer shopLineNumber, String productNumber, String description, BigDecimal quantity,
                               LinePricing.Priced price, BigDecimal vatRate) {
    }

    private record Plan(String currency, int vatZone, List<PlannedLine> lines, ExpectedTotals totals) {
    }

    /** The draft invoice or draft order for {@code order}, booked on the existing e-conomic customer. */
    public static EconomicDocument toDocument(ShopOrder order, int customerNumber, OrderMappingSettings s) {
        Plan plan = plan(order, s);
        TotalCheck check = plan.totals().check();
        if (check.result() == TotalCheck.Result.MISMATCH) {
            throw Park.totalsDoNotAddUp(order.orderNo(), plan.currency(), check, s.roundingTolerance());
        }
        List<Line> lines = new ArrayList<>();
        for (PlannedLine line : plan.lines()) {
            int number = lines.size() + 1;
            lines.add(new Line(number, number, new ProductRef(line.productNumber()), line.description(),
                    plain(line.quantity()), line.price().unitNetPrice(), line.price().discountPercentage()));
        }
        ShopParty buyer = order.buyer();
        ShopAddress address = buyer.address();
        Recipient recipient = new Recipient(Texts.truncate(buyer.displayName(), 250),
                addressText(address, null, 250), Texts.truncate(Texts.blankToNull(address.zip()), 50),
                Texts.truncate(Texts.blankToNull(address.city()), 250),
                Texts.truncate(VatZoneRule.englishName(address.countryCode().strip().toUpperCase(Locale.ROOT)), 50),
                new VatZoneRef(plan.vatZone()), null);
        return new EconomicDocument(
                LocalDate.ofInstant(order.orderDate(), ZoneId.of(s.timeZone())).toString(),
                plan.currency(),
                exchangeRate(plan.currency(), s),
                new CustomerRef(customerNumber),
                new PaymentTermsRef(s.paymentTermsNumber()),
                new LayoutRef(s.layoutNumber()),
                recipient,
                delivery(order),
                new References(reference(order, s)),
                notes(order),
                lines);
    }

    /**
     * Which document line each shop line became: shop line number → e-conomic {@code lineNumber}. A refund in the
     * shop names shop lines; the credit note has to find them on the invoice.
     */
    public static Map<Integer, Integer> documentLineNumbers(ShopOrder order, OrderMappingSettings s) {
        Map<Integer, Integer> numbers = new LinkedHashMap<>();
        List<PlannedLine> lines = plan(order, s).lines();
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).shopLineNumber() != null) {
                numbers.put(lines.get(i).shopLineNumber(), i + 1);
            }
        }
        return numbers;
    }

    /** What the document for {@code order} should total in e-conomic, and how that compares with the shop. */
    public static ExpectedTotals expectedTotals(ShopOrder order, OrderMappingSettings s) {
        return plan(order, s).totals();
    }

    /**
     * What the order's timeline says about rounding when the lines e-conomic will compute differ from the shop's
     * total within the tolerance: the difference and where it went. Empty when they match to the cent.
     */
    public static Optional<String> roundingNote(ShopOrder order, OrderMappingSettings s) {
        ExpectedTotals totals = plan(order, s).totals();
        TotalCheck check = totals.check();
        if (check.result() != TotalCheck.Result.ROUNDING) {
            return Optional.empty();
        }
        String currency = currency(order);
        String where = s.roundingProductNumber() != null
                ? "booked as a rounding line of " + totals.roundingAmount().toPlainString() + " " + currency
                + " on VAT-free product " + s.roundingProductNumber()
                : "left as it is (no rounding product is set; the invoice total differs from the receipt by it)";
        return Optional.of("Rounding: the shop charged " + check.shopTotalIncVat().toPlainString() + " " + currency
                + ", the lines come to " + check.economicGross().toPlainString() + " " + currency + " (difference "
                + check.difference().toPlainString() + ", within the tolerance of "
                + s.roundingTolerance().toPlainString() + "); " + where);
    }

    /** The customer to create for the buyer of {@code order} when no e-conomic customer matches. */
    public static EconomicCustomer toCustomer(ShopOrder order, CustomerDefaults d) {
        OrderMappingSettings s = d.settings();
        String currency = currency(order);
        ShopParty buyer = requireName(order);
        String email = email(order, s);
        String country = VatZoneRule.knownCountry(order.orderNo(), "buyer.address.countryCode", buyer.address());
        int zone = VatZoneRule.zoneFor(country, buyer.address().zip(), buyer.vatNumber(), s);
        int group = switch (VatZoneRule.regionOf(country, buyer.address().zip(), s)) {
            case DOMESTIC -> buyer.isBusiness() ? d.businessDomesticGroup() : d.privateDomesticGroup();
            case EU -> d.euGroup();
            case ABROAD -> d.abroadGroup();
        };
        String organisationNumber = limited(order.orderNo(), "buyer.organisationNumber", "the organisation number",
                buyer.organisationNumber(), MAX_ORGANISATION_NUMBER, "Correct the organisation number in the shop");
        String vatNumber = limited(order.orderNo(), "buyer.vatNumber", "the VAT number", buyer.vatNumber(),
                MAX_VAT_NUMBER, "Correct the VAT number in the shop");
        String phone = Texts.blankToNull(buyer.phone());
        ShopAddress address = buyer.address();
        // Shops collect one phone number: a consumer's is almost always a mobile, a company's the switchboard.
        return new EconomicCustomer(
                Texts.truncate(buyer.displayName(), 255),
                currency,
                new EconomicCustomer.CustomerGroupRef(group),
                new PaymentTermsRef(d.paymentTermsNumber()),
                new VatZoneRef(zone),
                email,
                addressText(address, null, 510),
                Texts.truncate(Texts.blankToNull(address.zip()), 30),
                Texts.truncate(Texts.blankToNull(address.city()), 50),
                Texts.truncate(VatZoneRule.englishName(country), 50),
                organisationNumber,
                vatNumber,
                buyer.isBusiness() ? Texts.truncate(phone, 255) : null,
                buyer.isBusiness() ? null : Texts.truncate(phone, 50));
    }

    /**
     * Compares what the shop charged with what e-conomic computed. Any difference up to {@code tolerance} is
     * rounding (per-line VAT and 2-decimal prices cannot always reproduce the shop's arithmetic); beyond it the
     * document is wrong.
     */
    public static TotalCheck compareTotals(BigDecimal shopTotalIncVat, BigDecimal economicGross, BigDecimal tolerance) {
        BigDecimal difference = shopTotalIncVat.subtract(economicGross);
        TotalCheck.Result result = difference.signum() == 0 ? TotalCheck.Result.MATCH
                : difference.abs().compareTo(tolerance) <= 0 ? TotalCheck.Result.ROUNDING
                : TotalCheck.Result.MISMATCH;
        return new TotalCheck(result, shopTotalIncVat, economicGross, difference);
    }

    private static Plan plan(ShopOrder order, OrderMappingSettings s) {
        String currency = currency(order);
        requireName(order);
        email(order, s);
        int zone = VatZoneRule.zoneFor(order, s);
        if (delivery(order) != null) {
            VatZoneRule.knownCountry(order.orderNo(), "shipTo.address.countryCode", order.shipTo().address());
        }
        reference(order, s);

        List<ShopOrderLine> shopLines = order.lines();
        if (shopLines.stream().noneMatch(l -> l.kind() == Kind.PRODUCT)) {
            throw Park.noLines(order.orderNo());
        }
        if (shopLines.size() > MAX_LINES) {
            throw Park.tooManyLines(order.orderNo(), shopLines.size(), MAX_LINES);
        }
        for (int i = 0; i < shopLines.size(); i++) {
            validateLine(order.orderNo(), i, shopLines.get(i));
        }
        List<PlannedLine> lines = new ArrayList<>(productLines(order, s));
        lines.addAll(feeLines(order, Kind.SHIPPING, s.shippingProductNumber(), "Shipping", s));
        lines.addAll(feeLines(order, Kind.PAYMENT_FEE, s.paymentFeeProductNumber(), "Payment fee", s));
        return new Plan(currency, zone, lines, totals(order, lines, VatZoneRule.chargesVat(zone, s), s));
    }

    /** Adds the rounding line to {@code lines} when the difference is rounding and a rounding product is set. */
    private static ExpectedTotals totals(ShopOrder order, List<PlannedLine> lines, boolean chargesVat,
                                         OrderMappingSettings s) {
        BigDecimal net = BigDecimal.ZERO.setScale(2);
        BigDecimal vat = BigDecimal.ZERO.setScale(2);
        for (PlannedLine line : lines) {
            BigDecimal lineNet = line.price().lineTotal(line.quantity());
            net = net.add(lineNet);
            if (chargesVat) {
                vat = vat.add(round2(lineNet.multiply(line.vatRate()).divide(HUNDRED)));
            }
        }
        BigDecimal shopTotal = Objects.requireNonNull(order.totalIncVat(), "totalIncVat");
        TotalCheck check = compareTotals(shopTotal, net.add(vat), s.roundingTolerance());
        BigDecimal rounding = BigDecimal.ZERO.setScale(2);
        if (check.result() == TotalCheck.Result.ROUNDING && s.roundingProductNumber() != null) {
            // The rounding product must be VAT-free, or e-conomic would add VAT to the difference and miss again.
            rounding = round2(check.difference());
            lines.add(new PlannedLine(null, s.roundingProductNumber(), "Rounding", BigDecimal.ONE,
                    new LinePricing.Priced(rounding, null), BigDecimal.ZERO));
            net = net.add(rounding);
        }
        return new ExpectedTotals(net, vat, net.add(vat), rounding, check);
    }

    private static void validateLine(String orderNo, int index, ShopOrderLine line) {
        int lineNo = line.lineNumber();
        if (line.kind() == Kind.PRODUCT) {
            String article = line.articleNumber() == null ? "" : ArticleCheck.articleNumber(line);
            if (article.isEmpty()) {
                throw Park.missingArticleNumber(orderNo, index, lineNo, line.name());
            }
            if (article.length() > MAX_PRODUCT_NUMBER) {
                throw Park.articleNumberTooLong(orderNo, index, lineNo, article, MAX_PRODUCT_NUMBER);
            }
        }
        BigDecimal quantity = line.quantity();
        if (quantity == null || quantity.signum() <= 0 || quantity.stripTrailingZeros().scale() > 2) {
            throw Park.badQuantity(orderNo, index, lineNo, line.name(), quantity);
        }
        if (line.unitPriceExVat() == null) {
            throw Park.missingPrice(orderNo, index, lineNo, line.name(), "unitPriceExVat");
        }
        if (quantity.compareTo(MAX_QUANTITY) > 0) {
            throw Park.outOfBounds(orderNo, index, lineNo, line.name(), "quantity", "quantity", quantity,
                    MAX_QUANTITY);
        }
        if (line.unitPriceExVat().abs().compareTo(MAX_UNIT_PRICE) > 0) {
            throw Park.outOfBounds(orderNo, index, lineNo, line.name(), "unitPriceExVat", "a unit price of",
                    line.unitPriceExVat(), MAX_UNIT_PRICE);
        }
        BigDecimal discount = discount(line);
        BigDecimal lineAmount = quantity.multiply(line.unitPriceExVat());
        if (discount.signum() != 0 && (discount.signum() < 0 || discount.compareTo(lineAmount) > 0)) {
            throw Park.badLineDiscount(orderNo, index, lineNo, line.name(), discount, lineAmount);
        }
        if (line.vatRate() == null) {
            throw Park.missingPrice(orderNo, index, lineNo, line.name(), "vatRate");
        }
    }

    private static List<PlannedLine> productLines(ShopOrder order, OrderMappingSettings s) {
        List<ShopOrderLine> products = order.lines().stream().filter(l -> l.kind() == Kind.PRODUCT).toList();
        BigDecimal orderDiscount = order.orderDiscountExVat() == null ? BigDecimal.ZERO : order.orderDiscountExVat();
        BigDecimal productTotal = products.stream().map(OrderMapper::shopLineTotal)
                .reduce(BigDecimal.ZERO, BigDecimal::add);
        if (orderDiscount.signum() < 0 || (orderDiscount.signum() > 0 && orderDiscount.compareTo(productTotal) > 0)) {
            throw Park.badOrderDiscount(order.orderNo(), orderDiscount, productTotal);
        }
        boolean spreadAsPercentage = orderDiscount.signum() > 0 && s.orderDiscountProductNumber() == null;
        List<PlannedLine> lines = new ArrayList<>();
        for (ShopOrderLine line : products) {
            BigDecimal target = shopLineTotal(line);
            if (spreadAsPercentage) {
                // Every line gives up the same share, so the invoice shows one discount percentage throughout and
                // each line keeps its own product and therefore its own VAT.
                target = target.subtract(orderDiscount.multiply(target)
                        .divide(productTotal, WORKING_SCALE, RoundingMode.HALF_UP));
            }
            String article = ArticleCheck.articleNumber(line);
            String description = Texts.isBlank(line.name()) ? article : line.name().strip();
            lines.add(new PlannedLine(line.lineNumber(), article,
                    Texts.truncate(description, s.maxLineDescriptionLength()), line.quantity(),
                    LinePricing.choose(line.quantity(), line.unitPriceExVat(), target), line.vatRate()));
        }
        if (orderDiscount.signum() > 0 && !spreadAsPercentage) {
            lines.addAll(discountLines(products, round2(orderDiscount), productTotal, s));
        }
        return lines;
    }

    /**
     * One negative line per VAT rate, each carrying the rate's share of the discount, so the discount reduces each
     * rate's VAT base by what it reduced in the shop. The last rate takes the remainder so the lines sum exactly.
     */
    private static List<PlannedLine> discountLines(List<ShopOrderLine> products, BigDecimal discount,
                                                   BigDecimal productTotal, OrderMappingSettings s) {
        Map<BigDecimal, BigDecimal> totalPerRate = new LinkedHashMap<>();
        for (ShopOrderLine line : products) {
            totalPerRate.merge(line.vatRate().stripTrailingZeros(), shopLineTotal(line), BigDecimal::add);
        }
        totalPerRate.values().removeIf(total -> total.signum() == 0);
        List<PlannedLine> lines = new ArrayList<>();
        BigDecimal allocated = BigDecimal.ZERO;
        int remaining = totalPerRate.size();
        for (Map.Entry<BigDecimal, BigDecimal> rate : totalPerRate.entrySet()) {
            remaining--;
            BigDecimal share = remaining == 0 ? discount.subtract(allocated)
                    : round2(discount.multiply(rate.getValue()).divide(productTotal, WORKING_SCALE,
                    RoundingMode.HALF_UP));
            allocated = allocated.add(share);
            String description = totalPerRate.size() == 1 ? "Order discount"
                    : "Order discount, " + rate.getKey().toPlainString() + " % VAT";
            lines.add(new PlannedLine(null, s.orderDiscountProductNumber(), description, BigDecimal.ONE,
                    new LinePricing.Priced(share.negate(), null), rate.getKey()));
        }
        return lines;
    }

    /**
     * Fee lines are booked on the configured fee product whatever article the shop used, because their revenue
     * belongs on the fee accounts; the shop's text is kept so the invoice reads like the receipt. A free-shipping
     * line (0.00) is kept when the shop had one, so the invoice says how the goods were shipped.
     */
    private static List<PlannedLine> feeLines(ShopOrder order, Kind kind, String productNumber, String fallbackText,
                                              OrderMappingSettings s) {
        return order.lines().stream().filter(l -> l.kind() == kind)
                .map(line -> new PlannedLine(line.lineNumber(), productNumber,
                        Texts.truncate(Texts.isBlank(line.name()) ? fallbackText : line.name().strip(),
                                s.maxLineDescriptionLength()),
                        line.quantity(),
                        LinePricing.choose(line.quantity(), line.unitPriceExVat(), shopLineTotal(line)),
                        line.vatRate()))
                .toList();
    }

    private static BigDecimal shopLineTotal(ShopOrderLine line) {
        return line.quantity().multiply(line.unitPriceExVat()).subtract(discount(line));
    }

    private static BigDecimal discount(ShopOrderLine line) {
        return line.discountAmount() == null ? BigDecimal.ZERO : line.discountAmount();
    }

    private static String currency(ShopOrder order) {
        String currency = order.currency() == null ? "" : order.currency().strip().toUpperCase(Locale.ROOT);
        if (!CURRENCY.matcher(currency).matches() || NOT_MONEY.contains(currency) || !ISO_CURRENCIES.contains(currency)) {
            throw Park.unknownCurrency(order.orderNo(), order.currency());
        }
        return currency;
    }

    private static ShopParty requireName(ShopOrder order) {
        ShopParty buyer = order.buyer();
        if (buyer == null || buyer.displayName().isEmpty()) {
            throw Park.missingName(order.orderNo());
        }
        return buyer;
    }

    private static String email(ShopOrder order, OrderMappingSettings s) {
        String email = Texts.blankToNull(order.buyer().email());
        if (email == null && s.requireBuyerEmail()) {
            throw Park.missingEmail(order.orderNo());
        }
        if (email != null && email.length() > MAX_EMAIL) {
            throw Park.textTooLong(order.orderNo(), "buyer.email", "the buyer's e-mail address", email, MAX_EMAIL,
                    "Correct the e-mail address in the shop");
        }
        return email;
    }

    /**
     * The business key in {@code references.other}. Never cut: two long keys cut to the same prefix would make the
     * in-doubt lookup adopt another order's invoice.
     */
    /** {@code document} addressed to {@code customerNumber}: the customer is the only part the mapping left open. */
    static EconomicDocument forCustomer(EconomicDocument d, int customerNumber) {
        return new EconomicDocument(d.date(), d.currency(), d.exchangeRate(), new CustomerRef(customerNumber),
                d.paymentTerms(), d.layout(), d.recipient(), d.delivery(), d.references(), d.notes(), d.lines());
    }

    static String reference(ShopOrder order, OrderMappingSettings s) {
        String reference = s.referencePrefix() + order.shopId() + ":" + order.orderNo();
        if (reference.length() > MAX_REFERENCE) {
            throw Park.textTooLong(order.orderNo(), "orderNo", "the order reference", reference, MAX_REFERENCE,
                    "Shorten the shop id or the reference prefix in the shop's settings");
        }
        return reference;
    }

    private static String limited(String orderNo, String field, String what, String value, int max, String action) {
        String text = Texts.blankToNull(value);
        if (text != null && text.length() > max) {
            throw Park.textTooLong(orderNo, field, what, text, max, action);
        }
        return text;
    }

    /** The ship-to address when it differs from the buyer's; e-conomic's delivery has no name, so it leads. */
    private static Delivery delivery(ShopOrder order) {
        ShopParty shipTo = order.shipTo();
        if (shipTo == null || shipTo.address() == null || shipTo.address().equals(order.buyer().address())) {
            return null;
        }
        ShopAddress address = shipTo.address();
        String name = shipTo.displayName();
        String leadingName = name.isEmpty() || name.equals(order.buyer().displayName()) ? null : name;
        return new Delivery(addressText(address, leadingName, 255),
                Texts.truncate(Texts.blankToNull(address.zip()), 30),
                Texts.truncate(Texts.blankToNull(address.city()), 50),
                Texts.truncate(VatZoneRule.englishName(address.countryCode().strip().toUpperCase(Locale.ROOT)), 50));
    }

    /** Street lines joined by newlines, as e-conomic's multi-line address field prints them; c/o comes first. */
    private static String addressText(ShopAddress address, String leadingName, int max) {
        String careOf = Texts.blankToNull(address.careOf());
        if (careOf != null && !careOf.toLowerCase(Locale.ROOT).startsWith("c/o")) {
            careOf = "c/o " + careOf;
        }
        String text = Stream.of(leadingName, careOf, Texts.blankToNull(address.line1()),
                        Texts.blankToNull(address.line2()))
                .filter(Objects::nonNull)
                .collect(Collectors.joining("\n"));
        return text.isEmpty() ? null : Texts.truncate(text, max);
    }

    private static Notes notes(ShopOrder order) {
        List<String> parts = new ArrayList<>();
        parts.add("Channel " + order.channelId());
        if (!Texts.isBlank(order.paymentMethod())) {
            parts.add("payment " + order.paymentMethod().strip());
        }
        if (!Texts.isBlank(order.paymentReference())) {
            parts.add("reference " + order.paymentReference().strip());
        }
        String customer = order.buyer().isGuest() ? "Guest order"
                : "Shop customer " + order.buyer().customerCode().strip();
        return new Notes(Texts.truncate("Order " + order.orderNo(), 250),
                Texts.truncate(String.join(", ", parts), 1000), Texts.truncate(customer, 1000));
    }

    /** Omitted for the base currency (e-conomic uses 100) and for currencies without a configured rate. */
    private static BigDecimal exchangeRate(String currency, OrderMappingSettings s) {
        if (currency.equals(s.baseCurrency())) {
            return null;
        }
        BigDecimal rate = s.exchangeRates().get(currency);
        return rate == null || rate.scale() <= 6 ? rate : rate.setScale(6, RoundingMode.HALF_UP);
    }

    private static BigDecimal plain(BigDecimal quantity) {
        BigDecimal stripped = quantity.stripTrailingZeros();
        return stripped.scale() < 0 ? stripped.setScale(0) : stripped;
    }
}
