package io.jesync.cluster;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Properties;

import javax.sql.DataSource;

import org.apache.camel.CamelContext;
import org.apache.camel.component.quartz.QuartzComponent;
import org.quartz.SchedulerException;
import org.quartz.impl.StdSchedulerFactory;
import org.quartz.utils.ConnectionProvider;
import org.quartz.utils.DBConnectionManager;

import io.jesync.store.Database;

/**
 * Where the flows' Quartz schedules live. On PostgreSQL (the store several instances share) Quartz keeps its triggers
 * in the {@code qrtz_*} tables as one cluster: each firing goes to one instance, a flow's job is marked
 * non-concurrent ({@code stateful=true} on every schedule) so its trigger stays blocked cluster-wide while any
 * instance runs it, and when an instance stops checking in the others take its triggers back after
 * {@link #CHECKIN_INTERVAL_MILLIS} plus Quartz's grace. On H2 (one process per file) Quartz stays in memory: a
 * cluster of one buys nothing and would add writes to every firing.
 */
public final class ClusteredScheduler {
    /** Every instance must use the same name: it is the {@code sched_name} the cluster's rows share. */
    static final String SCHEDULER_NAME = "jesync";
    /**
     * How often an instance checks in, and so how soon a dead one's schedules move (Quartz declares an instance dead
     * once its check-in is this plus 7.5 s late). Shorter would make a long GC pause look like a death.
     */
    static final long CHECKIN_INTERVAL_MILLIS = 5_000;
    /** As many threads as schedules the runtime has per shop and more: a long run never holds up another flow. */
    static final int THREADS = 10;

    private ClusteredScheduler() {
    }

    /** Which scheduler this instance runs, as the health endpoint and the instance list show it. */
    public enum Mode {
        /** Quartz JDBC job store, clustered with every instance on the same PostgreSQL database. */
        CLUSTERED,
        /** Quartz in memory: one instance (H2). */
        SINGLE
    }

    public static Mode modeFor(Database database) {
        return database.vendor() == Database.Vendor.POSTGRESQL ? Mode.CLUSTERED : Mode.SINGLE;
    }

    /**
     * Gives the context's Quartz component its scheduler before any route is built: clustered on PostgreSQL, the
     * component's in-memory default on H2. @return the mode chosen
     */
    public static Mode install(CamelContext context, Database database, String instanceId) {
        Mode mode = modeFor(database);
        if (mode == Mode.SINGLE) {
            return mode;
        }
        QuartzComponent quartz = context.getComponent("quartz", QuartzComponent.class);
        try {
            quartz.setSchedulerFactory(new StdSchedulerFactory(properties(register(database), instanceId)));
        } catch (SchedulerException e) {
            throw new IllegalStateException("cannot configure the clustered Quartz scheduler: " + e.getMessage(), e);
        }
        return mode;
    }

    /** The Quartz settings of a cluster member; the instance id doubles as Quartz's, unique among live instances. */
    static Properties properties(String dataSourceName, String instanceId) {
        Properties p = new Properties();
        p.setProperty("org.quartz.scheduler.instanceName", SCHEDULER_NAME);
        p.setProperty("org.quartz.scheduler.instanceId", instanceId);
        p.setProperty("org.quartz.scheduler.skipUpdateCheck", "true");
        p.setProperty("org.quartz.threadPool.class", "org.quartz.simpl.SimpleThreadPool");
        p.setProperty("org.quartz.threadPool.threadCount", Integer.toString(THREADS));
        p.setProperty("org.quartz.jobStore.class", "org.quartz.impl.jdbcjobstore.JobStoreTX");
        p.setProperty("org.quartz.jobStore.driverDelegateClass", "org.quartz.impl.jdbcjobstore.PostgreSQLDelegate");
        p.setProperty("org.quartz.jobStore.dataSource", dataSourceName);
        p.setProperty("org.quartz.jobStore.tablePrefix", "QRTZ_");
        p.setProperty("org.quartz.jobStore.isClustered", "true");
        p.setProperty("org.quartz.jobStore.clusterCheckinInterval", Long.toString(CHECKIN_INTERVAL_MILLIS));
        // Acquiring under the row lock closes the window in which two instances take the same firing.
        p.setProperty("org.quartz.jobStore.acquireTriggersWithinLock", "true");
        return p;
    }

    /**
     * Quartz finds its connections by name in a JVM-wide registry; the runtime's pool is registered there under a
     * name of its own, so tests running several runtimes in one JVM do not share one.
     */
    private static String register(Database database) {
        String name = "jesync-" + Integer.toHexString(System.identityHashCode(database));
        DataSource dataSource = database.dataSource();
        DBConnectionManager.getInstance().addConnectionProvider(name, new ConnectionProvider() {
            @Override
            public Connection getConnection() throws SQLException {
                return dataSource.getConnection();
            }

            @Override
            public void shutdown() {
                // The runtime closes its pool itself, after Camel (and with it Quartz) stopped.
            }

            @Override
            public void initialize() {
                // The pool is open already.
            }
        });
        return name;
    }
}
