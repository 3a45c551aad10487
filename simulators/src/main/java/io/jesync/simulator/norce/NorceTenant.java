package io.jesync.simulator.norce;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The simulated tenant's lookup ids (Query {@code Core/Currencies}, {@code Core/Countries},
 * {@code Core/PaymentMethods}; price lists keep their ids in the store, see {@link NorceProductQuery}). Norce says these ids differ between tenants
 * and tiers and only the Code is stable, so the demo numbers are deliberately unlike any small default (SEK is not
 * 1), and {@link #shifted(int)} gives a second tenant whose ids differ again: code that assumes an id fails in
 * tests instead of mapping an order to the wrong currency.
 */
public record NorceTenant(Map<String, Integer> currencies, Map<String, Integer> countries,
                          Map<String, Integer> paymentMethods) {

    public NorceTenant {
        currencies = Map.copyOf(currencies);
        countries = Map.copyOf(countries);
        paymentMethods = Map.copyOf(paymentMethods);
    }

    /** The demo tenant's ids. */
    public static NorceTenant demo() {
        return new NorceTenant(
                Map.of("SEK", 41, "EUR", 46, "NOK", 43, "DKK", 44, "GBP", 47),
                Map.of("SE", 205, "NO", 161, "DK", 58, "FI", 72, "GB", 77, "DE", 83, "US", 226),
                Map.of("KCO", 1003, "CARD", 1004, "INVOICE", 1005, "SWISH", 1006));
    }

    /** The same codes with every id moved by {@code offset}: another tenant, or the stage tier of this one. */
    public NorceTenant shifted(int offset) {
        return new NorceTenant(shift(currencies, offset), shift(countries, offset), shift(paymentMethods, offset));
    }

    private static Map<String, Integer> shift(Map<String, Integer> ids, int offset) {
        Map<String, Integer> moved = new LinkedHashMap<>();
        ids.forEach((code, id) -> moved.put(code, id + offset));
        return moved;
    }

    /** Null for a null or unknown code: such an order simply carries no id, as a row without the lookup would. */
    static Integer id(Map<String, Integer> ids, String code) {
        return code == null ? null : ids.get(code);
    }

    static Optional<String> code(Map<String, Integer> ids, int id) {
        return ids.entrySet().stream().filter(e -> e.getValue() == id).map(Map.Entry::getKey).findFirst();
    }
}
