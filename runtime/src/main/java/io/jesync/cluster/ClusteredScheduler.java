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
    /**
     * Schedules a shop can have (orders, status, reversals, payments, products, reconciliation) and the runtime's own
     * (stock and price ticks, alert checks, retention): a worker for each, so a run hung on one dependency (up to its
     * read timeout per call) never holds up another flow's run, however many shops there are.
     */
    static final int SCHEDULES_PER_SHOP = 6;
    static final int SHARED_SCHEDULES = 3;

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
     * Gives the context's Quartz component its scheduler before any route is built: clustered on PostgreSQL, in
     * memory on H2; either way with a worker for every schedule {@code shops} shops can have. @return the mode chosen
     */
    public static Mode install(CamelContext context, Database database, String instanceId, int shops) {
        Mode mode = modeFor(database);
        QuartzComponent quartz = context.getComponent("quartz", QuartzComponent.class);
        int threads = threads(shops);
        try {
            quartz.setSchedulerFactory(new StdSchedulerFactory(mode == Mode.SINGLE
                    ? inMemory("jesync-" + Integer.toHexString(System.identityHashCode(context)), threads)
                    : properties(register(database), instanceId, threads)));
        } catch (SchedulerException e) {
            throw new IllegalStateException("cannot configure the clustered Quartz scheduler: " + e.getMessage(), e);
        }
        return mode;
    }

    /** A worker per schedule the runtime can have with {@code shops} shops, and never fewer than Quartz's 10. */
    static int threads(int shops) {
        return Math.max(10, SHARED_SCHEDULES + SCHEDULES_PER_SHOP * shops);
    }

    private static Properties scheduler(String name, int threads) {
        Properties p = new Properties();
        p.setProperty("org.quartz.scheduler.instanceName", name);
        p.setProperty("org.quartz.scheduler.skipUpdateCheck", "true");
        p.setProperty("org.quartz.threadPool.class", "org.quartz.simpl.SimpleThreadPool");
        p.setProperty("org.quartz.threadPool.threadCount", Integer.toString(threads));
        return p;
    }

    /** One instance's scheduler in memory; {@code name} keeps runtimes in one JVM (tests) apart. */
    static Properties inMemory(String name, int threads) {
        Properties p = scheduler(name, threads);
        p.setProperty("org.quartz.threadPool.threadsInheritContextClassLoaderOfInitializingThread", "true");
        // As Quartz's own defaults (which the component used before): a trigger late by less than this still fires.
        p.setProperty("org.quartz.jobStore.misfireThreshold", "60000");
        p.setProperty("org.quartz.jobStore.class", "org.quartz.simpl.RAMJobStore");
        return p;
    }

    /** The Quartz settings of a cluster member; the instance id doubles as Quartz's, unique among live instances. */
    static Properties properties(String dataSourceName, String instanceId, int threads) {
        Properties p = scheduler(SCHEDULER_NAME, threads);
        p.setProperty("org.quartz.scheduler.instanceId", instanceId);
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
