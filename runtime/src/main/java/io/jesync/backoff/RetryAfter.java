package io.jesync.backoff;

import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/** The HTTP {@code Retry-After} header (RFC 9110, section 10.2.3): delay-seconds or an HTTP-date. */
public final class RetryAfter {

    private RetryAfter() {
    }

    /**
     * @param value the header as sent, or null
     * @param now   the moment the answer arrived, for an HTTP-date
     * @return how long to wait (zero for a date already past); empty when absent or unreadable
     */
    public static Optional<Duration> parse(String value, Instant now) {
        if (value == null) {
            return Optional.empty();
        }
        String trimmed = value.strip();
        if (trimmed.isEmpty()) {
            return Optional.empty();
        }
        try {
            if (trimmed.chars().allMatch(Character::isDigit)) {
                return Optional.of(Duration.ofSeconds(Long.parseLong(trimmed)));
            }
            Duration wait = Duration.between(now, ZonedDateTime.parse(trimmed, DateTimeFormatter.RFC_1123_DATE_TIME)
                    .toInstant());
            return Optional.of(wait.isNegative() ? Duration.ZERO : wait);
        } catch (DateTimeParseException | NumberFormatException | ArithmeticException e) {
            return Optional.empty();
        }
    }
}
