package io.jesync.admin;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Failed logins counted per client address: after {@link #MAX_FAILURES} wrong credentials in a row an address is
 * answered 429 for {@link #FIRST_LOCKOUT}, doubling with each further lock-out up to {@link #LONGEST_LOCKOUT}, so
 * guessing the password (at least 12 characters live) from one address costs days, not seconds. A right answer
 * clears the address's count. While locked, even the right credentials are answered 429 (otherwise the lock would
 * still tell a guesser which guess was right). At most {@link #MAX_ADDRESSES} addresses are remembered, the least
 * recently seen forgotten first, so a flood from many addresses cannot fill the memory.
 */
public final class LoginThrottle {
    static final int MAX_FAILURES = 10;
    static final Duration FIRST_LOCKOUT = Duration.ofMinutes(1);
    static final Duration LONGEST_LOCKOUT = Duration.ofMinutes(30);
    static final int MAX_ADDRESSES = 10_000;

    private final Clock clock;
    private final Map<String, Entry> addresses = new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Entry> eldest) {
            return size() > MAX_ADDRESSES;
        }
    };

    private static final class Entry {
        int failures;
        int lockouts;
        Instant lockedUntil = Instant.MIN;
    }

    public LoginThrottle(Clock clock) {
        this.clock = clock;
    }

    /** How long the address must still wait, if it is locked out now. */
    public synchronized Optional<Duration> lockedFor(String address) {
        Entry entry = addresses.get(address);
        Instant now = clock.instant();
        if (entry == null || !now.isBefore(entry.lockedUntil)) {
            return Optional.empty();
        }
        return Optional.of(Duration.between(now, entry.lockedUntil));
    }

    /** Counts a wrong login; answers the lock-out it starts, if this failure starts one. */
    public synchronized Optional<Duration> failed(String address) {
        Entry entry = addresses.computeIfAbsent(address, a -> new Entry());
        entry.failures++;
        if (entry.failures < MAX_FAILURES) {
            return Optional.empty();
        }
        entry.failures = 0;
        Duration lockout = FIRST_LOCKOUT.multipliedBy(1L << Math.min(entry.lockouts, 10));
        if (lockout.compareTo(LONGEST_LOCKOUT) > 0) {
            lockout = LONGEST_LOCKOUT;
        }
        entry.lockouts++;
        entry.lockedUntil = clock.instant().plus(lockout);
        return Optional.of(lockout);
    }

    public synchronized void succeeded(String address) {
        addresses.remove(address);
    }
}
