package io.jesync.economic;

/** What {@code GET /self} says about the agreement the tokens open; checked at start-up. */
public record EconomicAgreement(long agreementNumber, String companyName, String baseCurrency,
                                boolean inventoryModule) {
}
