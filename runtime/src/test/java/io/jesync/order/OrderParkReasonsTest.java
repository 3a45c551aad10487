package io.jesync.order;

import static io.jesync.order.TestOrders.ORDER_NO;
import static io.jesync.order.TestOrders.company;
import static io.jesync.order.TestOrders.order;
import static io.jesync.order.TestOrders.person;
import static io.jesync.order.TestOrders.product;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.jesync.order.ParkReason.Code;
import io.jesync.shop.ShopOrder;
import io.jesync.shop.ShopOrderLine;
import io.jesync.shop.ShopOrderLine.Kind;
import io.jesync.shop.ShopParty;
import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Every park reason: the code, where it is, the value, and a message that names the order. */
class OrderParkReasonsTest {
    private final OrderMappingSettings demo = OrderMappingSettings.defaults();

    @Test
    void missing_email() {
        ParkReason r = parkDocument(order(TestOrders.withEmail(person("SE"), " ")));
        assertReason(r, Code.MISSING_EMAIL, "buyer.email", "");
        assertThat(r.message()).isEqualTo("Order 10023: the buyer has no e-mail address, and e-conomic customers are"
                + " found by e-mail. Add the buyer's e-mail to the order in the shop, or book this shop's orders on a"
                + " default guest customer, then re-send the order.");
    }

    @Test
    void missing_email_is_fine_when_the_shop_books_on_a_guest_customer() {
        OrderMappingSettings guest = new OrderMappingSettings("SE", 1, 2, 3, 1, null, 19, 1, "FRAKT", "AVGIFT", null,
                "jetshop:", 2500, new BigDecimal("0.05"), null, "SEK", null, false, "Europe/Stockholm");
        assertThat(OrderMapper.toDocument(order(TestOrders.withEmail(person("SE"), null)), 9999, guest).customer()
                .customerNumber()).isEqualTo(9999);
    }

    @Test
    void missing_name() {
        ShopParty nameless = new ShopParty("C-1", " ", null, "", null, null, "a@example.se", null,
                TestOrders.address("SE"));
        ParkReason r = parkDocument(order(nameless));
        assertReason(r, Code.MISSING_NAME, "buyer.name", "");
        assertThat(r.message()).startsWith("Order 10023: the buyer has neither a company name nor a first or last"
                + " name;").endsWith("Add the buyer's name to the order in the shop, then re-send the order.");
    }

    @Test
    void unknown_country_of_the_buyer_and_of_the_delivery_address() {
        ParkReason buyer = parkDocument(order(person("ZZ")));
        assertReason(buyer, Code.UNKNOWN_COUNTRY, "buyer.address.countryCode", "ZZ");
        assertThat(buyer.message()).isEqualTo("Order 10023: the buyer's address has country code 'ZZ', which is not"
                + " a known ISO country code. Correct the country on the order in the shop (two letters, e.g. SE),"
                + " then re-send the order.");

        ShopParty shipTo = new ShopParty(null, "Ola", "Hansen", null, null, null, null, null,
                TestOrders.address(""));
        ParkReason delivery = parkDocument(TestOrders.withShipTo(order(person("SE")), shipTo));
        assertReason(delivery, Code.UNKNOWN_COUNTRY, "shipTo.address.countryCode", "");
        assertThat(delivery.message()).contains("the delivery address has no country");
    }

    @Test
    void unknown_currency() {
        ParkReason r = parkDocument(TestOrders.withCurrency(order(person("SE")), "KR"));
        assertReason(r, Code.UNKNOWN_CURRENCY, "currency", "KR");
        assertThat(r.message()).contains("'KR' is not an ISO 4217 currency code");
    }

    @Test
    void a_three_letter_code_that_is_no_currency_parks_before_e_conomic_sees_it() {
        for (String code : List.of("ZZZ", "XXX", "XTS")) {
            ParkReason r = parkDocument(TestOrders.withCurrency(order(person("SE")), code));
            assertReason(r, Code.UNKNOWN_CURRENCY, "currency", code);
        }
    }

    @Test
    void an_order_without_product_lines_parks() {
        ParkReason empty = parkDocument(order(person("SE"), List.of(), "0.00"));
        assertReason(empty, Code.NO_LINES, "lines", null);
        assertThat(empty.message()).startsWith("Order 10023: the order has no product lines;");
        ShopOrderLine freight = new ShopOrderLine(1, Kind.SHIPPING, "FRAKT", "Frakt", BigDecimal.ONE,
                new BigDecimal("49.00"), BigDecimal.ZERO, new BigDecimal("25"));
        assertReason(parkDocument(order(person("SE"), List.of(freight), "61.25")), Code.NO_LINES, "lines", null);
    }

    @Test
    void absurd_quantities_prices_and_line_counts_park_with_the_line_named() {
        ParkReason quantity = parkDocument(order(person("SE"), List.of(product(1, "KAF-001", "1000000000000",
                "1.00")), "1250000000000.00"));
        assertReason(quantity, Code.OUT_OF_BOUNDS, "lines[0].quantity", "1000000000000");
        assertThat(quantity.message()).startsWith("Order 10023: line 1 ('Kaffe') has quantity 1000000000000; above"
                + " 1000000 it is taken for an error in the shop");

        ParkReason price = parkDocument(order(person("SE"), List.of(product(1, "KAF-001", "1",
                "1000000000000000")), "1250000000000000.00"));
        assertReason(price, Code.OUT_OF_BOUNDS, "lines[0].unitPriceExVat", "1000000000000000");

        List<ShopOrderLine> many = new java.util.ArrayList<>();
        for (int i = 1; i <= OrderMapper.MAX_LINES + 1; i++) {
            many.add(product(i, "KAF-001", "1", "1.00"));
        }
        ParkReason lines = parkDocument(order(person("SE"), many, "1251.25"));
        assertReason(lines, Code.OUT_OF_BOUNDS, "lines", Integer.toString(OrderMapper.MAX_LINES + 1));

        assertThat(OrderMapper.toDocument(order(person("SE"), List.of(product(1, "KAF-001", "1000000",
                "100000000")), "125000000000000.00"), 1, demo).lines()).as("the bounds themselves are fine")
                .hasSize(1);
    }

    @Test
    void quantity_zero_negative_or_with_three_decimals() {
        for (String quantity : List.of("0", "-1", "1.005")) {
            ParkReason r = parkDocument(order(person("SE"), List.of(product(1, "KAF-001", "1", "100.00"),
                    product(2, "KAF-002", quantity, "10.00")), "137.50"));
            assertReason(r, Code.BAD_QUANTITY, "lines[1].quantity", quantity);
            assertThat(r.message()).startsWith("Order 10023: line 2 ('Kaffe') has quantity " + quantity + ";");
        }
        assertThat(OrderMapper.toDocument(order(person("SE"), List.of(product(1, "KAF-001", "1.500", "100.00")),
                "187.50"), 1, demo).lines().get(0).quantity()).isEqualByComparingTo("1.5");
    }

    @Test
    void missing_price_or_vat_rate() {
        ShopOrderLine noPrice = new ShopOrderLine(1, Kind.PRODUCT, "KAF-001", "Kaffe", BigDecimal.ONE, null,
                BigDecimal.ZERO, new BigDecimal(25));
        assertReason(parkDocument(order(person("SE"), List.of(noPrice), "0")), Code.MISSING_PRICE,
                "lines[0].unitPriceExVat", "");
        ShopOrderLine noRate = new ShopOrderLine(1, Kind.PRODUCT, "KAF-001", "Kaffe", BigDecimal.ONE, BigDecimal.TEN,
                BigDecimal.ZERO, null);
        ParkReason r = parkDocument(order(person("SE"), List.of(noRate), "0"));
        assertReason(r, Code.MISSING_PRICE, "lines[0].vatRate", "");
        assertThat(r.message()).contains("line 1 ('Kaffe') has no VAT rate.");
    }

    @Test
    void discount_larger_than_the_line_or_the_products() {
        ShopOrderLine overDiscounted = new ShopOrderLine(1, Kind.PRODUCT, "KAF-001", "Kaffe", BigDecimal.ONE,
                BigDecimal.TEN, new BigDecimal("12.00"), new BigDecimal(25));
        ParkReason line = parkDocument(order(person("SE"), List.of(overDiscounted), "0"));
        assertReason(line, Code.BAD_DISCOUNT, "lines[0].discountAmount", "12.00");
        assertThat(line.message()).contains("has a discount of 12.00, but the line is worth 10");

        ParkReason whole = parkDocument(TestOrders.withOrderDiscount(order(person("SE")), "100.01"));
        assertReason(whole, Code.BAD_DISCOUNT, "orderDiscountExVat", "100.01");
        assertThat(whole.message()).contains("order discount of 100.01 ex VAT is more than the products are worth"
                + " (100.00 ex VAT)");
    }

    @Test
    void missing_article_number() {
        ParkReason r = parkDocument(order(person("SE"), List.of(product(1, "  ", "1", "100.00")), "125.00"));
        assertReason(r, Code.MISSING_ARTICLE_NUMBER, "lines[0].articleNumber", "");
        assertThat(r.message()).startsWith("Order 10023: line 1 ('Kaffe') has no article number;");
    }

    @Test
    void article_number_too_long_reads_as_the_merchant_expects() {
        String article = "ABC-" + "1234567890".repeat(2) + "1234567";
        ParkReason r = parkDocument(order(person("SE"), List.of(product(1, "KAF-001", "1", "100.00"),
                product(2, article, "1", "100.00")), "250.00"));
        assertReason(r, Code.ARTICLE_NUMBER_TOO_LONG, "lines[1].articleNumber", article);
        assertThat(r.message()).isEqualTo("Order 10023: line 2 has article number '" + article + "' with 31"
                + " characters; e-conomic allows at most 25. Shorten the article number in the shop, then re-send the"
                + " order.");
        assertThat(r.action()).isEqualTo("Shorten the article number in the shop, then re-send the order.");
    }

    @Test
    void fee_lines_need_no_article_number_of_their_own() {
        ShopOrderLine shipping = new ShopOrderLine(2, Kind.SHIPPING, null, "Postnord", BigDecimal.ONE,
                new BigDecimal("40.00"), BigDecimal.ZERO, new BigDecimal(25));
        assertThat(OrderMapper.toDocument(order(person("SE"), List.of(product(1, "KAF-001", "1", "100.00"),
                shipping), "175.00"), 1, demo).lines().get(1).product().productNumber()).isEqualTo("FRAKT");
    }

    @Test
    void reference_too_long_is_parked_never_cut() {
        ParkReason r = parkDocument(TestOrders.withShopId(order(person("SE")), "s".repeat(240)));
        assertReason(r, Code.TEXT_TOO_LONG, "orderNo", null);
        assertThat(r.value()).hasSize(ParkReason.MAX_VALUE_LENGTH).startsWith("jetshop:sss").endsWith("…");
        assertThat(r.message()).contains("the order reference 'jetshop:").contains("' has 254 characters;"
                + " e-conomic allows at most 250.");
    }

    @Test
    void vat_number_too_long_for_a_new_customer() {
        ShopParty buyer = TestOrders.withVatNumber(company("DE", null), "DE" + "1".repeat(19));
        ParkReason r = catchThrowableOfType(OrderMappingException.class,
                () -> OrderMapper.toCustomer(order(buyer), CustomerDefaults.defaults(demo))).reason();
        assertReason(r, Code.TEXT_TOO_LONG, "buyer.vatNumber", "DE" + "1".repeat(19));
        assertThat(r.message()).contains("has 21 characters; e-conomic allows at most 20.");
    }

    @Test
    void totals_that_do_not_add_up_name_both_amounts() {
        ParkReason r = parkDocument(order(person("SE"), List.of(product(1, "KAF-001", "1", "100.00")), "100.00"));
        assertReason(r, Code.TOTALS_DO_NOT_ADD_UP, "totalIncVat", "100.00");
        assertThat(r.message()).isEqualTo("Order 10023: the shop says the customer pays 100.00 SEK incl. VAT, but"
                + " the invoice lines add up to 125.00 SEK (difference -25.00, at most 0.05 is accepted as"
                + " rounding). Check the order's prices, discounts and VAT (and the buyer's VAT number) in the shop,"
                + " then re-send the order.");
    }

    @Test
    void the_first_problem_in_line_order_is_reported() {
        ShopOrder twoBad = order(person("SE"), List.of(product(1, "KAF-001", "1", "100.00"),
                product(2, "KAF-002", "0", "10.00"), product(3, "", "1", "10.00")), "999");
        assertReason(parkDocument(twoBad), Code.BAD_QUANTITY, "lines[1].quantity", "0");
        ShopOrder headerAndLine = order(TestOrders.withEmail(person("XX"), null),
                List.of(product(1, "", "1", "1")), "1");
        assertThat(parkDocument(headerAndLine).code()).isEqualTo(Code.MISSING_EMAIL);
    }

    @Test
    void long_values_are_shortened_in_the_reason() {
        String article = "X".repeat(200);
        ParkReason r = parkDocument(order(person("SE"), List.of(product(1, article, "1", "1")), "1.25"));
        assertThat(r.value()).hasSize(80).endsWith("…");
        assertThat(r.message()).contains("with 200 characters");
    }

    private ParkReason parkDocument(ShopOrder order) {
        return catchThrowableOfType(OrderMappingException.class, () -> OrderMapper.toDocument(order, 1, demo))
                .reason();
    }

    private static void assertReason(ParkReason r, Code code, String field, String value) {
        assertThat(r.code()).isEqualTo(code);
        assertThat(r.orderNo()).isEqualTo(ORDER_NO);
        assertThat(r.field()).isEqualTo(field);
        if (value != null) {
            assertThat(r.value()).isEqualTo(value);
        }
        assertThat(r.message()).startsWith("Order " + ORDER_NO + ": ").endsWith(r.action());
    }
}
