package io.jesync.economic.model;

import com.fasterxml.jackson.annotation.JsonInclude;

/** The body we POST to {@code /customers} when a shop buyer has no e-conomic customer yet. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record EconomicCustomer(
        String name,
        String currency,
        CustomerGroupRef customerGroup,
        PaymentTermsRef paymentTerms,
        VatZoneRef vatZone,
        String email,
        String address,
        String zip,
        String city,
        String country,
        String corporateIdentificationNumber,
        String vatNumber,
        String telephoneAndFaxNumber,
        String mobilePhone) {

    @JsonInclude(JsonInclude.Include.NON_NULL)

    public record CustomerGroupRef(int customerGroupNumber) {
    }
}
