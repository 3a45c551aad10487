package io.jesync.order;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;

/**
 * Fits a shop line into e-conomic's line model. The shop knows a line as {@code quantity × unit − discount} with
 * any number of decimals; e-conomic only takes a 2-decimal unit price and a 2-decimal discount percentage and
 * computes {@code round2(quantity × unitNetPrice × (1 − discountPercentage / 100))}. Neither representation is
 * exact for every line, so both are tried and the one whose e-conomic total lands closest to the shop's wins.
 */
final class LinePricing {
    static final BigDecimal HUNDRED = new BigDecimal(100);
    private static final BigDecimal CENT = new BigDecimal("0.01");
    private static final int WORKING_SCALE = 10;

    /** A line's price as e-conomic takes it; {@code discountPercentage} is null when there is none. */
    record Priced(BigDecimal unitNetPrice, BigDecimal discountPercentage) {

        BigDecimal lineTotal(BigDecimal quantity) {
            return economicLineTotal(quantity, unitNetPrice, discountPercentage);
        }
    }

    private LinePricing() {
    }

    static BigDecimal round2(BigDecimal amount) {
        return amount.setScale(2, RoundingMode.HALF_UP);
    }

    /** e-conomic's own line arithmetic. */
    static BigDecimal economicLineTotal(BigDecimal quantity, BigDecimal unitNetPrice, BigDecimal discountPercentage) {
        BigDecimal gross = quantity.multiply(unitNetPrice);
        if (discountPercentage == null) {
            return round2(gross);
        }
        return round2(gross.multiply(HUNDRED.subtract(discountPercentage)).divide(HUNDRED));
    }

    /**
     * The representation of {@code target} (the shop's exact line total after discounts) for {@code quantity} items
     * listed at {@code unitPrice}. Without a discount the unit price is simply rounded. With one, the candidates are
     * the list price with the nearest discount percentages and the discounted unit price; the smallest error wins,
     * and on a tie the percentage does, because the invoice then shows the list price and the discount the buyer
     * saw in the shop.
     */
    static Priced choose(BigDecimal quantity, BigDecimal unitPrice, BigDecimal target) {
        BigDecimal listPrice = round2(unitPrice);
        if (target.compareTo(quantity.multiply(unitPrice)) == 0) {
            return new Priced(listPrice, null);
        }
        Priced best = null;
        BigDecimal bestError = null;
        for (Priced candidate : candidates(quantity, listPrice, target)) {
            BigDecimal error = candidate.lineTotal(quantity).subtract(target).abs();
            if (bestError == null || error.compareTo(bestError) < 0) {
                best = candidate;
                bestError = error;
            }
        }
        return best;
    }

    private static List<Priced> candidates(BigDecimal quantity, BigDecimal listPrice, BigDecimal target) {
        List<Priced> candidates = new ArrayList<>();
        BigDecimal listTotal = quantity.multiply(listPrice);
        if (listTotal.signum() != 0) {
            BigDecimal nearest = round2(BigDecimal.ONE
                    .subtract(target.divide(listTotal, WORKING_SCALE, RoundingMode.HALF_UP)).multiply(HUNDRED));
            for (BigDecimal percentage : List.of(nearest, nearest.subtract(CENT), nearest.add(CENT))) {
                if (percentage.signum() >= 0 && percentage.compareTo(HUNDRED) <= 0) {
                    candidates.add(new Priced(listPrice, percentage.signum() == 0 ? null : percentage));
                }
            }
        }
        candidates.add(new Priced(round2(target.divide(quantity, WORKING_SCALE, RoundingMode.HALF_UP)), null));
        return candidates;
    }
}
