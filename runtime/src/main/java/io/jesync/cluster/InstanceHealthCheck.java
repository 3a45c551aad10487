package io.jesync.cluster;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Map;
import java.util.function.Supplier;

import org.apache.camel.health.HealthCheckResultBuilder;
import org.apache.camel.impl.health.AbstractHealthCheck;

import io.jesync.store.DatabaseClock;

/**
 * Says which role this instance has ({@code cluster-member} or {@code single}), so each instance's
 * {@code /observe/health} shows it, and how far this host's clock is off the store's ({@code clockSkewMillis}, positive
 * when ahead), which a Quartz cluster needs within a second. Always UP: whether the store answers is the store check's
 * to say, and the runtime's own leases do not depend on the host's clock.
 */
public final class InstanceHealthCheck extends AbstractHealthCheck {
    public static final String ID = "instance";
    public static final String ROLE = "role";
    public static final String CLOCK_SKEW = "clockSkewMillis";

    private final InstanceDirectory directory;
    private final Supplier<Duration> skew;

    /** @param skew how far this host's clock was ahead of the store's at the last reading */
    public InstanceHealthCheck(InstanceDirectory directory, Supplier<Duration> skew) {
        super("cluster", ID);
        this.directory = directory;
        this.skew = skew;
    }

    @Override
    protected void doCall(HealthCheckResultBuilder builder, Map<String, Object> options) {
        // No store access here: a health call must answer within seconds while the database is gone.
        Duration off = skew.get();
        String clock = off.abs().compareTo(DatabaseClock.TOLERATED_SKEW) > 0 ? "; its host's clock is " + off.abs().toMillis() + " ms "
                + (off.isNegative() ? "behind" : "ahead of") + " the store's: a Quartz cluster needs them within a second"
                + " (check NTP)" : "";
        builder.detail(ROLE, directory.role()).detail("instanceId", directory.self()).detail(CLOCK_SKEW, off.toMillis())
                .message(directory.self() + " is " + directory.role() + "; GET /api/instances lists the others" + clock)
                .up();
    }

    /** The build this runtime is: the packaged jar's version, {@code dev} when run from classes. */
    public static String version() {
        String version = InstanceHealthCheck.class.getPackage().getImplementationVersion();
        return version == null ? "dev" : version;
    }

    public static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "unknown";
        }
    }
}
