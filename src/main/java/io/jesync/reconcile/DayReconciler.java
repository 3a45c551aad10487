package io.jesync.reconcile;

import java.time.LocalDate;
import java.util.List;

import io.jesync.config.ShopSettings;

/**
 * One kind of reconciliation of one shop and day. The runtime has {@code orders}; stock and price drift (issue 6)
 * plug in as further beans of this type and are then offered by {@code POST /api/reconciliation} with their
 * {@code kind}, stored and shown like the orders'.
 */
public interface DayReconciler {

    String kind();

    /** What was compared and what did not match. */
    record Result(int shopCount, int ledgerCount, int economicCount, List<Finding> findings) {
    }

    Result reconcile(ShopSettings shop, LocalDate day) throws Exception;
}
