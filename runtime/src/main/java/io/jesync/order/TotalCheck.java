package io.jesync.order;

import java.math.BigDecimal;

/**
 * The shop's total compared with e-conomic's gross.
 *
 * @param difference {@code shopTotalIncVat − economicGross}: positive when the shop charged more
 */
public record TotalCheck(Result result, BigDecimal shopTotalIncVat, BigDecimal economicGross, BigDecimal difference) {

    public enum Result {
        /** To the cent. */
        MATCH,
        /** Apart by no more than the tolerance: rounding, not an error. */
        ROUNDING,
        /** Apart by more than the tolerance: the document would not say what the customer paid. */
        MISMATCH
    }
}
