package io.jesync.shop.norce;

import java.util.Map;

/**
 * Norce Query shows currencies and countries as tenant lookup ids (reference §4.2) that real tenants resolve
 * through Core/Application lookups. An order normally carries the codes too (CurrencyCode, CountryCode); these
 * tables are only the fallback when a tenant serves nothing but the id. They match the Norce simulator's tables;
 * countries follow Connect's SalesArea numbering where one exists (§2.7). A tenant whose ids differ shows up as a
 * parse error naming the unknown id, never as a silently wrong currency.
 */
final class NorceLookups {
    static final Map<Integer, String> CURRENCY_BY_ID = Map.of(1, "SEK", 2, "EUR", 3, "NOK", 4, "DKK", 5, "GBP");
    static final Map<Integer, String> COUNTRY_BY_ID = Map.of(1, "SE", 2, "NO", 3, "DK", 4, "FI", 5, "GB", 8, "DE",
            30, "US");

    private NorceLookups() {
    }
}
