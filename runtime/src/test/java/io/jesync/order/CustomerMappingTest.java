package io.jesync.order;

import static io.jesync.order.TestOrders.company;
import static io.jesync.order.TestOrders.order;
import static io.jesync.order.TestOrders.person;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.jesync.economic.model.EconomicCustomer;
import io.jesync.shop.ShopParty;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CustomerMappingTest {
    private final CustomerDefaults defaults = new CustomerDefaults(OrderMappingSettings.defaults(), 11, 12, 13, 14,
            7);

    @ParameterizedTest(name = "{0} business={1} VAT no ''{2}'' -> group {3}, zone {4}")
    @CsvSource({
            "SE, false, ,            11, 1",
            "SE, true,  SE5566778899, 12, 1",
            "DE, false, ,            13, 1",
            "DE, true,  DE123456789, 13, 2",
            "DE, true,  ,            13, 1",
            "US, false, ,            14, 3",
            "NO, true,  NO999999999, 14, 3"})
    void group_and_zone_follow_the_buyer_type(String country, boolean business, String vatNumber, int group,
                                              int zone) {
        ShopParty buyer = business ? company(country, vatNumber) : person(country);
        EconomicCustomer customer = OrderMapper.toCustomer(order(buyer), defaults);
        assertThat(customer.customerGroup().customerGroupNumber()).isEqualTo(group);
        assertThat(customer.vatZone().vatZoneNumber()).isEqualTo(zone);
        assertThat(customer.paymentTerms().paymentTermsNumber()).isEqualTo(7);
        assertThat(customer.currency()).isEqualTo("SEK");
    }

    @Test
    void a_person_s_phone_is_a_mobile_a_company_s_the_switchboard() {
        EconomicCustomer privateBuyer = OrderMapper.toCustomer(order(person("SE")), defaults);
        assertThat(privateBuyer.mobilePhone()).isEqualTo("+46701234567");
        assertThat(privateBuyer.telephoneAndFaxNumber()).isNull();
        EconomicCustomer business = OrderMapper.toCustomer(order(company("SE", null)), defaults);
        assertThat(business.telephoneAndFaxNumber()).isEqualTo("08-123456");
        assertThat(business.mobilePhone()).isNull();
        assertThat(business.corporateIdentificationNumber()).isEqualTo("556677-8899");
        assertThat(business.country()).isEqualTo("Sweden");
    }

    @Test
    void a_customer_needs_the_same_name_and_email_as_a_document() {
        ShopParty noEmail = TestOrders.withEmail(person("SE"), "");
        assertThat(catchThrowableOfType(OrderMappingException.class,
                () -> OrderMapper.toCustomer(order(noEmail), defaults)).reason().code())
                .isEqualTo(ParkReason.Code.MISSING_EMAIL);
    }
}
