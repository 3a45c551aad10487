package io.jesync.reconcile;

import java.time.LocalDate;
import java.util.List;


/**
 * One kind of reconciliation of one shop and day: {@code orders}, and {@code stock-prices} where a shop has stock or
 * prices on. Each is offered by {@code POST /api/reconciliation} with its {@code kind}, stored and shown alike.
 */
public interface DayReconciler {

    String kind();

    /** Whether this kind has anything to compare in the shop; the schedule skips the others. */
    default boolean appliesTo(ShopSettings shop) {
        return true;
    }

    /** What was compared and what did not match. */
    record Result(int shopCount, int ledgerCount, int economicCount, List<Finding> findings) {
    }

    Result reconcile(ShopSettings shop, LocalDate day) throws Exception;
}
