package io.jesync.observe;

import java.math.BigDecimal;
import java.time.LocalDate;

/** API usage of one system on one day; {@code shopId} is empty for calls not tied to a shop. */
public record MeterReading(String system, LocalDate day, String shopId, long calls, BigDecimal cost) {
}
