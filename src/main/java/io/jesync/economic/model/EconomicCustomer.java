package io.jesync.economic.model;

/** The body we POST to {@code /customers} when a shop buyer has no e-conomic customer yet. */
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

    public record CustomerGroupRef(int customerGroupNumber) {
    }
}
