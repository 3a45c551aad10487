package io.jesync.store;

import io.jesync.testsupport.TestDatabases;
import io.jesync.testsupport.TestDatabases.Kind;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MigrationTest {

    private static final List<String> TABLES = List.of(
            "order_ledger", "order_event", "customer_binding", "watermark", "api_call_meter", "parked_item",
            "status_event", "status_action", "order_reversal", "product_trace", "product_sync_run",
            "product_sync_item", "economic_article", "shop_article_value", "economic_article_reread",
            "reconciliation_run", "alert_notice", "scheduled_run", "qrtz_triggers", "qrtz_locks");

    @TempDir
    Path tempDir;

    @ParameterizedTest
    @EnumSource(Kind.class)
    void appliesEveryScriptToAnEmptyDatabase(Kind kind) throws SQLException {
        try (Database db = TestDatabases.fresh(kind, tempDir)) {
            List<AppliedMigration> applied = new Migrations(db).migrate();

            assertThat(applied).extracting(AppliedMigration::version).containsExactly(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11);
            assertThat(applied.get(0).description()).isEqualTo("initial_state");
            assertThat(applied.get(0).checksum()).hasSize(64);
            assertThat(applied.get(0).installedAt()).isNotNull();
            for (String table : TABLES) {
                assertThat(count(db, table)).as(table).isZero();
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void secondRunChangesNothing(Kind kind) {
        try (Database db = TestDatabases.fresh(kind, tempDir)) {
            Migrations migrations = new Migrations(db);
            migrations.migrate();
            List<AppliedMigration> before = migrations.applied();

            assertThat(migrations.migrate()).isEmpty();
            assertThat(migrations.applied()).isEqualTo(before);
        }
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void appliesOnlyNewScriptsAndSplitsStatementsOutsideQuotesAndComments(Kind kind) throws SQLException {
        try (Database db = TestDatabases.fresh(kind, tempDir)) {
            new Migrations(db, "migrations/original").migrate();

            List<AppliedMigration> applied = new Migrations(db, "migrations/two").migrate();

            assertThat(applied).extracting(AppliedMigration::version).containsExactly(2);
            assertThat(count(db, "fixture_two")).isEqualTo(1);
        }
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void editedScriptStopsStartUpWithOneClearLine(Kind kind) {
        try (Database db = TestDatabases.fresh(kind, tempDir)) {
            new Migrations(db, "migrations/original").migrate();

            assertThatThrownBy(() -> new Migrations(db, "migrations/edited").migrate())
                    .isInstanceOf(MigrationException.class)
                    .hasMessageStartingWith("Migration V1__first.sql was changed after it was applied")
                    .hasMessageContaining("never edit an applied script, add V2__<description>.sql instead")
                    .hasMessageNotContaining("\n");
        }
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void gapInScriptNumbersStopsStartUp(Kind kind) {
        try (Database db = TestDatabases.fresh(kind, tempDir)) {
            assertThatThrownBy(() -> new Migrations(db, "migrations/gap").migrate())
                    .isInstanceOf(MigrationException.class)
                    .hasMessage("Migration script V2 is missing: found V3__third.sql instead;"
                            + " scripts must be numbered 1, 2, 3... without gaps");
            assertThat(new Migrations(db, "migrations/gap").applied()).isEmpty();
        }
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void databaseNewerThanTheBuildStopsStartUp(Kind kind) {
        try (Database db = TestDatabases.fresh(kind, tempDir)) {
            new Migrations(db, "migrations/two").migrate();

            assertThatThrownBy(() -> new Migrations(db, "migrations/original").migrate())
                    .isInstanceOf(MigrationException.class)
                    .hasMessage("The database has migration V2 (second) applied but this build has no such script;"
                            + " it is older than the database");
        }
    }

    /** Several instances starting at once against one database: all start, the scripts run once. */
    @ParameterizedTest
    @EnumSource(Kind.class)
    void concurrentStartsApplyEachScriptOnce(Kind kind) throws Exception {
        String url = TestDatabases.freshUrl(kind, tempDir);
        int instances = 4;
        List<Database> databases = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(instances);
        try {
            CyclicBarrier start = new CyclicBarrier(instances);
            List<Future<List<AppliedMigration>>> runs = new ArrayList<>();
            for (int i = 0; i < instances; i++) {
                Database db = TestDatabases.open(url);
                databases.add(db);
                runs.add(pool.submit(() -> {
                    start.await(30, TimeUnit.SECONDS);
                    return new Migrations(db).migrate();
                }));
            }
            int applications = 0;
            for (Future<List<AppliedMigration>> run : runs) {
                applications += run.get(60, TimeUnit.SECONDS).size();
            }

            int scripts = 11;
            assertThat(applications).as("each script applied by exactly one instance").isEqualTo(scripts);
            assertThat(new Migrations(databases.get(0)).applied()).hasSize(scripts);
        } finally {
            pool.shutdownNow();
            databases.forEach(Database::close);
        }
    }

    /** The runner jar holds the scripts inside a jar, not in a folder. */
    @ParameterizedTest
    @EnumSource(Kind.class)
    void readsScriptsFromAJar(Kind kind) throws Exception {
        Path jar = tempDir.resolve("scripts.jar");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
            for (String folder : List.of("db/", "db/migration/")) {
                out.putNextEntry(new JarEntry(folder));
                out.closeEntry();
            }
            out.putNextEntry(new JarEntry("db/migration/V1__from_jar.sql"));
            out.write("CREATE TABLE from_jar (id INTEGER PRIMARY KEY);".getBytes(StandardCharsets.UTF_8));
            out.closeEntry();
        }
        try (URLClassLoader loader = new URLClassLoader(new URL[] {jar.toUri().toURL()}, null);
             Database db = TestDatabases.fresh(kind, tempDir)) {
            List<AppliedMigration> applied = new Migrations(db, Migrations.DEFAULT_LOCATION, loader).migrate();

            assertThat(applied).extracting(AppliedMigration::description).containsExactly("from_jar");
            assertThat(count(db, "from_jar")).isZero();
        }
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void noScriptsAtAllStopsStartUp(Kind kind) {
        try (Database db = TestDatabases.fresh(kind, tempDir)) {
            assertThatThrownBy(() -> new Migrations(db, "migrations/nothing-here").migrate())
                    .isInstanceOf(MigrationException.class)
                    .hasMessage("No migration scripts found in classpath folder migrations/nothing-here");
        }
    }

    private static long count(Database db, String table) throws SQLException {
        try (Connection connection = db.dataSource().getConnection();
             Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery("SELECT COUNT(*) FROM " + table)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
