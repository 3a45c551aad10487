package io.jesync.order;

import java.time.Instant;

/** One step in an order's support timeline. */
public record OrderEvent(
        long id,
        String shopId,
        String orderNo,
        Instant at,
        String step,
        String detail,
        Integer httpStatus,
        String requestId,
        Integer attempt,
        String payload) {
}
