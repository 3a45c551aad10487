package io.jesync.stock;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;

/**
 * Spreads the stock and price flow's e-conomic calls over what is left of the day's budget, so the flow slows down
 * before e-conomic throttles it rather than after. A pure function of the day's count, the time left until the
 * budget resets (UTC midnight), the bucket's fill and what each kind of read has cost lately.
 *
 * <p>The flow may spend the daily budget less a reserve (kept for orders and everything else). The poll keeps its
 * configured interval while its calls for the rest of the day fit; otherwise the interval stretches until they
 * do, up to the maximum. A full reconciliation or price scan only runs when its cost fits on top of the polls, and
 * never while the token bucket is filling up: the polls' latency matters more than a scan's.
 */
public final class BudgetPacer {
    /** Above this share of the token bucket the scans wait; the client itself slows down at 80 %. */
    static final double BUCKET_BUSY = 0.7;

    private final Duration pollInterval;
    private final Duration maxPollInterval;
    private final double reserve;

    /**
     * @param stretch       the poll interval as a multiple of the configured one (1 = on track)
     * @param spendable     calls this flow may still make today
     */
    public record Decision(Duration pollInterval, double stretch, boolean fullScanAllowed, boolean priceScanAllowed,
                           long spendable, String reason) {
        public boolean slowed() {
            return stretch > 1.0 || !fullScanAllowed || !priceScanAllowed;
        }
    }

    public BudgetPacer(Duration pollInterval, Duration maxPollInterval, double reserve) {
        this.pollInterval = pollInterval;
        this.maxPollInterval = maxPollInterval;
        this.reserve = reserve;
    }

    /**
     * @param callsToday     e-conomic calls made today by all instances and flows
     * @param bucketUsed     share of the token bucket in use now (0..1)
     * @param pollCost       calls one poll costs (recent average)
     * @param fullScanCost   calls one full reconciliation costs
     * @param priceScanCost  calls one price scan costs
     */
    public Decision decide(Instant now, long callsToday, int dailyBudget, double bucketUsed, double pollCost,
                           long fullScanCost, long priceScanCost) {
        long spendable = Math.max(0, (long) Math.floor(dailyBudget * (1 - reserve)) - callsToday);
        Instant midnight = LocalDate.ofInstant(now, ZoneOffset.UTC).plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
        double secondsLeft = Math.max(60, Duration.between(now, midnight).toSeconds());
        double cost = Math.max(1, pollCost);
        double pollsAtBase = secondsLeft / pollInterval.toSeconds();
        Duration interval = pollInterval;
        String reason = "on track";
        if (pollsAtBase * cost > spendable) {
            double seconds = spendable == 0 ? Double.MAX_VALUE : secondsLeft * cost / spendable;
            interval = seconds >= maxPollInterval.toSeconds() ? maxPollInterval
                    : Duration.ofSeconds((long) Math.ceil(seconds));
            reason = "poll slowed: " + spendable + " calls left for " + (long) secondsLeft / 60 + " minutes";
        }
        long pollSpend = (long) Math.ceil(secondsLeft / interval.toSeconds() * cost);
        boolean bucketBusy = bucketUsed >= BUCKET_BUSY;
        boolean full = !bucketBusy && spendable - pollSpend >= fullScanCost;
        boolean price = !bucketBusy && spendable - pollSpend >= priceScanCost;
        if (bucketBusy) {
            reason = reason.equals("on track") ? "scans wait: token bucket " + Math.round(bucketUsed * 100) + " % full"
                    : reason + "; scans wait for the token bucket";
        } else if (!full || !price) {
            reason = (reason.equals("on track") ? "" : reason + "; ") + (full ? "" : "full reconciliation skipped")
                    + (!full && !price ? ", " : "") + (price ? "" : "price scan skipped") + ": budget low";
        }
        double stretch = (double) interval.toSeconds() / pollInterval.toSeconds();
        return new Decision(interval, stretch, full, price, spendable, reason);
    }
}
