package io.jesync.order;

import java.time.Instant;

/**
 * What support staff filter orders by; every field may be null for "any". {@code from}/{@code to} bound when the
 * runtime first read the order (inclusive, exclusive); {@code text} matches the order number, the customer's
 * e-mail or name in the shop order, the e-conomic reference, or (when a number) the e-conomic document number.
 */
public record OrderQuery(String shopId, String channel, OrderState state, Instant from, Instant to, String text,
                         int limit, int offset) {
}
