package io.jesync.cluster;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Map;

import org.apache.camel.health.HealthCheckResultBuilder;
import org.apache.camel.impl.health.AbstractHealthCheck;

/**
 * Says which role this instance has ({@code cluster-member} or {@code single}), so each instance's
 * {@code /observe/health} shows it. Always UP: whether the store answers is the store check's to say.
 */
public final class InstanceHealthCheck extends AbstractHealthCheck {
    public static final String ID = "instance";
    public static final String ROLE = "role";

    private final InstanceDirectory directory;

    public InstanceHealthCheck(InstanceDirectory directory) {
        super("cluster", ID);
        this.directory = directory;
    }

    @Override
    protected void doCall(HealthCheckResultBuilder builder, Map<String, Object> options) {
        // No store access here: a health call must answer within seconds while the database is gone.
        builder.detail(ROLE, directory.role()).detail("instanceId", directory.self())
                .message(directory.self() + " is " + directory.role() + "; GET /api/instances lists the others").up();
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
