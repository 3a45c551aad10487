package io.jesync.stock;

/**
 * What the stock and price flow has done and what its reads cost, for pacing, metrics and health. The costs are the
 * last measured ones, so the pacing follows the catalogue's real size.
 */
public final class FlowStats {
    /** Until a scan has run, assume a 100,000-product catalogue: better to under- than to overspend. */
    private static final long ASSUMED_SCAN_COST = 100;

    private double pollCost = 1;
    private long fullScanCost = ASSUMED_SCAN_COST;
    private long priceScanCost = ASSUMED_SCAN_COST;
    private long polls;
    private long fullScans;
    private long fullScansSkipped;
    private long priceScansSkipped;
    private long readings;
    private long staleReadings;
    private long pushedValues;
    private long rejectedValues;
    private long lastTickCalls;
    private String lastError = "";
    private BudgetPacer.Decision pacing;

    synchronized void polled(long calls) {
        polls++;
        // A smoothed cost: one busy poll should not stretch the schedule for the rest of the day.
        pollCost = pollCost * 0.8 + Math.max(1, calls) * 0.2;
    }

    synchronized void fullScanned(long calls) {
        fullScans++;
        fullScanCost = Math.max(1, calls);
    }

    synchronized void fullScanSkipped() {
        fullScansSkipped++;
    }

    synchronized void priceScanned(long calls) {
        priceScanCost = Math.max(1, calls);
    }

    synchronized void priceScanSkipped() {
        priceScansSkipped++;
    }

    synchronized void read(long count, long stale) {
        readings += count;
        staleReadings += stale;
    }

    synchronized void pushed(long count) {
        pushedValues += count;
    }

    synchronized void rejected() {
        rejectedValues++;
    }

    synchronized void shopFailure(String message) {
        lastError = message == null ? "" : message;
    }

    synchronized void economicFailure(String message) {
        lastError = message == null ? "" : message;
    }

    synchronized void tickCalls(long calls) {
        lastTickCalls = calls;
    }

    synchronized void pacing(BudgetPacer.Decision decision) {
        pacing = decision;
    }

    public synchronized double pollCost() {
        return pollCost;
    }

    public synchronized long fullScanCost() {
        return fullScanCost;
    }

    public synchronized long priceScanCost() {
        return priceScanCost;
    }

    public synchronized long polls() {
        return polls;
    }

    public synchronized long fullScans() {
        return fullScans;
    }

    public synchronized long fullScansSkipped() {
        return fullScansSkipped;
    }


    public synchronized long priceScansSkipped() {
        return priceScansSkipped;
    }

    public synchronized long readings() {
        return readings;
    }

    /** Readings dropped because a newer one was already stored (out-of-order answers). */
    public synchronized long staleReadings() {
        return staleReadings;
    }

    public synchronized long pushedValues() {
        return pushedValues;
    }

    public synchronized long rejectedValues() {
        return rejectedValues;
    }



    public synchronized long lastTickCalls() {
        return lastTickCalls;
    }


    public synchronized String lastError() {
        return lastError;
    }

    /** The last tick's pacing; null before the first tick. */
    public synchronized BudgetPacer.Decision pacing() {
        return pacing;
    }
}
