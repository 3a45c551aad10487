package io.jesync.status;

import java.util.Optional;

/**
 * What the reversal flow recorded about an order's cancellation in the shop, as the status flow reads it to tell
 * where the order's life stands. The reversal flow's ledger answers it; the status package stays free of it.
 */
public interface CancellationRecords {

    Optional<Cancellation> cancellation(String shopId, String orderNo);

    /**
     * @param state  the reversal row's state name (e.g. {@code DONE}, {@code CREATED})
     * @param action what was decided in e-conomic, e.g. {@code credit-note} or {@code delete:...}; null until then
     */
    record Cancellation(int seq, String state, String action, Long economicBookedNumber) {
    }
}
