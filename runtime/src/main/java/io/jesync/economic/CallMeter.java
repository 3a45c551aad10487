package io.jesync.economic;

import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * Where the client counts its calls against the agreement's daily budget. The runtime's implementation is the
 * store's per-day meter (observe.ApiCallMeter); the client stays free of the database.
 */
public interface CallMeter {

    void increment(String system, LocalDate day, long calls, BigDecimal cost);
}
