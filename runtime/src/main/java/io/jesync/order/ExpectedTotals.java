package io.jesync.order;

import java.math.BigDecimal;

/**
 * What the mapped document should total once e-conomic has computed it, in the order's currency.
 *
 * @param netAmount      sum of the line totals, including a rounding line when one is added
 * @param vatAmount      sum of the per-line VAT
 * @param grossAmount    {@code netAmount + vatAmount}: compare e-conomic's {@code grossAmount} with this
 * @param roundingAmount the amount booked on the rounding product (zero when none)
 * @param check          the shop's total against the lines before any rounding line
 */
public record ExpectedTotals(BigDecimal netAmount, BigDecimal vatAmount, BigDecimal grossAmount,
                             BigDecimal roundingAmount, TotalCheck check) {
}
