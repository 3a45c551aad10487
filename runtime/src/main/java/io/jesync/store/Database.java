package io.jesync.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;

import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import javax.sql.DataSource;

/**
 * The pooled connection to the state store. The vendor is taken from the JDBC URL so that one
 * setting switches a deployment between H2 (single instance) and PostgreSQL (several instances).
 */
public final class Database implements Closeable {

    public enum Vendor { H2, POSTGRESQL }

    public static final String DEFAULT_URL = "jdbc:h2:file:./data/jesync;WRITE_DELAY=0";
    public static final int DEFAULT_POOL_SIZE = 10;

    private static final String H2_PREFIX = "jdbc:h2:";
    private static final String POSTGRESQL_PREFIX = "jdbc:postgresql:";

    private final Vendor vendor;
    private final String url;
    private final HikariDataSource dataSource;

    public Database(String jdbcUrl, String user, String password) {
        this(jdbcUrl, user, password, DEFAULT_POOL_SIZE);
    }

    public Database(String jdbcUrl, String user, String password, int maxPoolSize) {
        this.vendor = vendorOf(jdbcUrl);
        this.url = vendor == Vendor.H2 ? durableH2Url(jdbcUrl) : jdbcUrl;
        if (vendor == Vendor.H2) {
            createParentFolder(this.url);
        }
        HikariConfig config = new HikariConfig();
        config.setPoolName("jesync-store");
        config.setJdbcUrl(this.url);
        config.setUsername(user);
        config.setPassword(password);
        config.setMaximumPoolSize(maxPoolSize);
        config.setAutoCommit(true);
        if (vendor == Vendor.H2) {
            // H2 closes itself from its own JVM shutdown hook, which can run while Camel still drains in-flight
            // orders; the runtime closes the store itself once Camel has stopped.
            config.addDataSourceProperty("DB_CLOSE_ON_EXIT", "FALSE");
            config.setExceptionOverrideClassName(H2BrokenConnections.class.getName());
        }
        this.dataSource = new HikariDataSource(config);
    }

    public Vendor vendor() {
        return vendor;
    }

    /** The URL actually used, which for H2 file databases includes {@code WRITE_DELAY=0}. */
    public String url() {
        return url;
    }

    public DataSource dataSource() {
        return dataSource;
    }

    @Override
    public void close() {
        dataSource.close();
    }

    /**
     * Only the scheme is ever put into the error: a PostgreSQL URL may carry a password parameter.
     */
    public static Vendor vendorOf(String jdbcUrl) {
        if (jdbcUrl == null || !jdbcUrl.startsWith("jdbc:")) {
            throw new IllegalArgumentException(
                    "The store URL must be a JDBC URL starting with jdbc:h2: or jdbc:postgresql:");
        }
        if (jdbcUrl.startsWith(H2_PREFIX)) {
            return Vendor.H2;
        }
        if (jdbcUrl.startsWith(POSTGRESQL_PREFIX)) {
            return Vendor.POSTGRESQL;
        }
        throw new IllegalArgumentException("Unsupported store URL scheme '" + scheme(jdbcUrl)
                + "': use jdbc:h2:file:... or jdbc:postgresql://host:port/db");
    }

    /**
     * H2's default write delay loses up to about half a second of acknowledged commits on a crash
     * (H2 documents a default WRITE_DELAY of 500 ms; see docs/configuration.md, store.jdbc-url), which could forget
     * that an invoice was created.
     * An explicit non-zero value is refused rather than silently kept or overridden.
     */
    public static String durableH2Url(String jdbcUrl) {
        if (!isH2FileUrl(jdbcUrl)) {
            return jdbcUrl;
        }
        String[] parts = jdbcUrl.split(";");
        for (int i = 1; i < parts.length; i++) {
            String[] setting = parts[i].split("=", 2);
            if (setting[0].trim().equalsIgnoreCase("WRITE_DELAY")) {
                if (setting.length == 2 && setting[1].trim().equals("0")) {
                    return jdbcUrl;
                }
                throw new IllegalArgumentException(
                        "H2 store URL must use WRITE_DELAY=0; a delayed write loses committed state on a crash");
            }
        }
        return jdbcUrl.endsWith(";") ? jdbcUrl + "WRITE_DELAY=0" : jdbcUrl + ";WRITE_DELAY=0";
    }

    private static boolean isH2FileUrl(String jdbcUrl) {
        String name = h2DatabaseName(jdbcUrl).toLowerCase(Locale.ROOT);
        return !(name.startsWith("mem:") || name.startsWith("tcp:") || name.startsWith("ssl:")
                || name.startsWith("zip:"));
    }

    private static String h2DatabaseName(String jdbcUrl) {
        String rest = jdbcUrl.substring(H2_PREFIX.length());
        int settings = rest.indexOf(';');
        return settings < 0 ? rest : rest.substring(0, settings);
    }

    /** H2 creates the database file but a fresh install may not have the folder yet. */
    private static void createParentFolder(String jdbcUrl) {
        if (!isH2FileUrl(jdbcUrl)) {
            return;
        }
        String name = h2DatabaseName(jdbcUrl);
        if (name.startsWith("file:")) {
            name = name.substring("file:".length());
        }
        if (name.startsWith("~")) {
            name = System.getProperty("user.home") + name.substring(1);
        }
        Path parent = Path.of(name).toAbsolutePath().getParent();
        if (parent == null) {
            return;
        }
        try {
            Files.createDirectories(parent);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create the folder for the H2 store: " + parent, e);
        }
    }

    private static String scheme(String jdbcUrl) {
        int end = jdbcUrl.indexOf(':', "jdbc:".length());
        return end < 0 ? "jdbc:" : jdbcUrl.substring(0, end);
    }
}
