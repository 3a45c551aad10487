package io.jesync.order;

import static io.jesync.order.TestOrders.company;
import static io.jesync.order.TestOrders.order;
import static io.jesync.order.TestOrders.person;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jesync.order.ParkReason.Code;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class VatZoneRuleTest {
    private final OrderMappingSettings demo = OrderMappingSettings.defaults();

    @ParameterizedTest(name = "{0} with VAT number ''{1}'' -> zone {2}")
    @CsvSource({
            "SE, ,              1",
            "SE, SE556677889901, 1",
            "se, ,              1",
            "DE, DE123456789,   2",
            "FI, FI12345678,    2",
            "DE, ,              1",
            "FR, '  ',          1",
            "NO, ,              3",
            "NO, NO999999999,   3",
            "US, ,              3",
            "GB, GB123456789,   3",
            "CH, ,              3"})
    void zone_follows_country_and_vat_number(String country, String vatNumber, int zone) {
        assertThat(VatZoneRule.zoneFor(country, vatNumber, demo)).isEqualTo(zone);
    }

    @ParameterizedTest(name = "{0} {1} with VAT number ''{2}'' -> zone {3}")
    @CsvSource({
            "FI, 22100,    ,            3",
            "FI, AX-22100, FI12345678,  3",
            "FI, 00100,    ,            1",
            "FI, 00100,    FI12345678,  2",
            "SE, 22100,    ,            1",
            "ES, 35001,    ,            3",
            "ES, 38001,    ES12345678Z, 3",
            "ES, 28001,    ,            1",
            "ES, 51001,    ,            3",
            "ES, 52001,    ,            3",
            "GR, 630 86,   ,            3",
            "GR, 10558,    ,            1",
            "DE, 78266,    DE123456789, 3",
            "DE, 27498,    ,            3",
            "DE, 10115,    ,            1",
            "IT, 23041,    ,            3",
            "IT, 22061,    ,            3",
            "FR, 97100,    ,            3",
            "FR, 97150,    ,            3",
            "FR, 97400,    ,            3",
            "FR, 75001,    ,            1",
            "MC, 98000,    FR12345678901, 2",
            "AX, 22100,    ,            3"})
    void territories_outside_the_eu_vat_area_are_abroad_by_postcode(String country, String postcode,
                                                                    String vatNumber, int zone) {
        assertThat(VatZoneRule.zoneFor(country, postcode, vatNumber, demo)).isEqualTo(zone);
    }

    @Test
    void an_aland_buyer_gets_an_export_document_without_vat_and_an_abroad_customer() {
        io.jesync.shop.ShopParty aland = new io.jesync.shop.ShopParty("C-9", "Anna", "Karlsson", null, null, null,
                "anna@example.ax", null, new io.jesync.shop.ShopAddress("Torggatan 1", null, null, "22100",
                "Mariehamn", "FI"));
        io.jesync.shop.ShopOrder order = order(aland, java.util.List.of(TestOrders.product(1, "KAF-001", "1",
                "100.00")), "100.00");

        assertThat(OrderMapper.toDocument(order, 1, demo).recipient().vatZone().vatZoneNumber()).isEqualTo(3);
        assertThat(OrderMapper.toCustomer(order, CustomerDefaults.defaults(demo)).vatZone().vatZoneNumber())
                .isEqualTo(3);
    }

    @Test
    void eu_private_buyers_use_the_configured_zone() {
        OrderMappingSettings ownZone = withZones(4, Map.of());
        assertThat(VatZoneRule.zoneFor("DE", null, ownZone)).isEqualTo(4);
        assertThat(VatZoneRule.zoneFor("DE", "DE123456789", ownZone)).isEqualTo(2);
    }

    @Test
    void a_country_override_wins_over_every_rule() {
        OrderMappingSettings oss = withZones(1, Map.of("DE", 8, "NO", 9, "SE", 5));
        assertThat(VatZoneRule.zoneFor("DE", null, oss)).isEqualTo(8);
        assertThat(VatZoneRule.zoneFor("DE", "DE123456789", oss)).isEqualTo(8);
        assertThat(VatZoneRule.zoneFor("NO", null, oss)).isEqualTo(9);
        assertThat(VatZoneRule.zoneFor("SE", null, oss)).isEqualTo(5);
        assertThat(VatZoneRule.zoneFor("FR", null, oss)).isEqualTo(1);
    }

    @Test
    void the_order_uses_the_buyers_country_and_vat_number() {
        assertThat(VatZoneRule.zoneFor(order(company("DK", "DK12345678")), demo)).isEqualTo(2);
        assertThat(VatZoneRule.zoneFor(order(person("DK")), demo)).isEqualTo(1);
        assertThat(VatZoneRule.zoneFor(order(person("JP")), demo)).isEqualTo(3);
    }

    @Test
    void unknown_or_missing_country_parks_the_order() {
        assertThatThrownBy(() -> VatZoneRule.zoneFor(order(person("XX")), demo))
                .isInstanceOfSatisfying(OrderMappingException.class, e -> {
                    assertThat(e.reason().code()).isEqualTo(Code.UNKNOWN_COUNTRY);
                    assertThat(e.reason().field()).isEqualTo("buyer.address.countryCode");
                    assertThat(e.reason().value()).isEqualTo("XX");
                });
        assertThatThrownBy(() -> VatZoneRule.zoneFor(order(person(" ")), demo))
                .isInstanceOfSatisfying(OrderMappingException.class,
                        e -> assertThat(e.reason().code()).isEqualTo(Code.UNKNOWN_COUNTRY));
        assertThatThrownBy(() -> VatZoneRule.zoneFor(order(person(null)), demo))
                .isInstanceOfSatisfying(OrderMappingException.class,
                        e -> assertThat(e.reason().code()).isEqualTo(Code.UNKNOWN_COUNTRY));
    }

    @Test
    void vat_is_charged_except_in_the_eu_and_abroad_zones() {
        assertThat(VatZoneRule.chargesVat(1, demo)).isTrue();
        assertThat(VatZoneRule.chargesVat(2, demo)).isFalse();
        assertThat(VatZoneRule.chargesVat(3, demo)).isFalse();
        assertThat(VatZoneRule.chargesVat(8, demo)).isTrue();
    }

    @Test
    void eu_members_are_the_27_of_2026() {
        assertThat(VatZoneRule.EU_MEMBERS).hasSize(27).contains("SE", "GR", "HR", "IE").doesNotContain("GB", "EL",
                "NO", "CH");
        assertThat(VatZoneRule.regionOf("HR", demo)).isEqualTo(VatZoneRule.Region.EU);
        assertThat(VatZoneRule.regionOf("SE", demo)).isEqualTo(VatZoneRule.Region.DOMESTIC);
        assertThat(VatZoneRule.regionOf("IS", demo)).isEqualTo(VatZoneRule.Region.ABROAD);
    }

    private OrderMappingSettings withZones(int euPrivateZone, Map<String, Integer> overrides) {
        OrderMappingSettings d = demo;
        return new OrderMappingSettings(d.homeCountry(), d.domesticVatZone(), d.euVatZone(), d.abroadVatZone(),
                euPrivateZone, overrides, d.layoutNumber(), d.paymentTermsNumber(), d.shippingProductNumber(),
                d.paymentFeeProductNumber(), d.orderDiscountProductNumber(), d.referencePrefix(),
                d.maxLineDescriptionLength(), d.roundingTolerance(), d.roundingProductNumber(), d.baseCurrency(),
                d.exchangeRates(), d.requireBuyerEmail(), d.timeZone());
    }
}
