package io.jesync.economic;

import java.time.Duration;

/** Every wait of the client goes through this, so tests record waits and move a clock instead of sleeping. */
@FunctionalInterface
public interface Sleeper {
    Sleeper REAL = duration -> Thread.sleep(duration.toMillis());

    void sleep(Duration duration) throws InterruptedException;
}
