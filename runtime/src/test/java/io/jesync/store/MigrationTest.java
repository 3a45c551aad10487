package io.jesync.store;

import io.jesync.testsupport.TestDatabases;
import io.jesync.testsupport.TestDatabases.Kind;
import org.junit.jupiter.api.Tag;
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

@Tag("harness")
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
    void applies_every_script_to_an_empty_database(Kind kind) throws SQLException {
        try (Database db = TestDatabases.fresh(kind, tempDir)) {
            List<AppliedMigration> applied = new Migrations(db).migrate();

            assertThat(applied).extracting(AppliedMigration::version).containsExactly(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13);
            assertThat(applied.get(0).description()).isEqualTo("initial_state");
            assertThat(applied.get(0).checksum()).isNotBlank();
            assertThat(applied.get(0).installedAt()).isNotNull();
            for (String table : TABLES) {
                assertThat(count(db, table)).as(table).isZero();
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void second_run_changes_nothing(Kind kind) {
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
    void applies_only_new_scripts_and_splits_statements_outside_quotes_and_comments(Kind kind) throws SQLException {
        try (Database db = TestDatabases.fresh(kind, tempDir)) {
            new Migrations(db, "migrations/original").migrate();

            List<AppliedMigration> applied = new Migrations(db, "migrations/two").migrate();

            assertThat(applied).extracting(AppliedMigration::version).containsExactly(2);
            assertThat(count(db, "fixture_two")).isEqualTo(1);
        }
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void edited_script_stops_start_up_with_one_clear_line(Kind kind) {
        try (Database db = TestDatabases.fresh(kind, tempDir)) {
            new Migrations(db, "migrations/original").migrate();

            assertThatThrownBy(() -> new Migrations(db, "migrations/edited").migrate())
                    .isInstanceOf(MigrationException.class)
                    .hasMessageStartingWith("Cannot migrate the store schema:")
                    .hasMessageContaining("checksum mismatch for migration version 1")
                    .hasMessageNotContaining("\n");
        }
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void gap_in_script_numbers_stops_start_up(Kind kind) {
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
    void database_newer_than_the_build_stops_start_up(Kind kind) {
        try (Database db = TestDatabases.fresh(kind, tempDir)) {
            new Migrations(db, "migrations/two").migrate();

            assertThatThrownBy(() -> new Migrations(db, "migrations/original").migrate())
                    .isInstanceOf(MigrationException.class)
                    .hasMessageContaining("applied migration not resolved locally: 2");
        }
    }

    /** Several instances starting at once against one database: all start, the scripts run once. */
    @ParameterizedTest
    @EnumSource(Kind.class)
    void concurrent_starts_apply_each_script_once(Kind kind) throws Exception {
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

            int scripts = 13;
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
    void reads_scripts_from_a_jar(Kind kind) throws Exception {
        Path jar = tempDir.resolve("scripts.jar");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
            for (String folder : List.of("jarred/", "jarred/migration/")) {
                out.putNextEntry(new JarEntry(folder));
                out.closeEntry();
            }
            out.putNextEntry(new JarEntry("jarred/migration/V1__from_jar.sql"));
            out.write("CREATE TABLE from_jar (id INTEGER PRIMARY KEY);".getBytes(StandardCharsets.UTF_8));
            out.closeEntry();
        }
        try (URLClassLoader loader = new URLClassLoader(new URL[] {jar.toUri().toURL()},
                MigrationTest.class.getClassLoader());
             Database db = TestDatabases.fresh(kind, tempDir)) {
            List<AppliedMigration> applied = new Migrations(db, "jarred/migration", loader).migrate();

            assertThat(applied).extracting(AppliedMigration::description).containsExactly("from_jar");
            assertThat(count(db, "from_jar")).isZero();
        }
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void no_scripts_at_all_stops_start_up(Kind kind) {
        try (Database db = TestDatabases.fresh(kind, tempDir)) {
            assertThatThrownBy(() -> new Migrations(db, "migrations/nothing-here").migrate())
                    .isInstanceOf(MigrationException.class)
                    .hasMessage("No migration scripts found in classpath folder migrations/nothing-here");
        }
    }

    /**
     * A database the runner before Flyway brought to V7, with an order in it: Flyway baselines at V7, applies V8 and
     * later, keeps the data and leaves {@code schema_version} as it was.
     */
    @ParameterizedTest
    @EnumSource(Kind.class)
    void takes_over_a_database_the_earlier_runner_created_and_applies_only_newer_scripts(Kind kind) throws Exception {
        try (Database db = TestDatabases.fresh(kind, tempDir)) {
            LegacySchemaVersion.migrate(db, Migrations.DEFAULT_LOCATION, 7);
            execute(db, "INSERT INTO watermark (flow, shop_id, mark_value, updated_at)"
                    + " VALUES ('orders', 'se', '2026-12-01T00:00:00Z', CURRENT_TIMESTAMP)");

            List<AppliedMigration> applied = new Migrations(db).migrate();

            assertThat(applied).extracting(AppliedMigration::version).containsExactly(8, 9, 10, 11, 12, 13);
            assertThat(count(db, "watermark")).isEqualTo(1);
            assertThat(count(db, "schema_version")).as("the old history is kept, not written").isEqualTo(7);
            assertThat(baselineVersion(db)).isEqualTo("7");
            for (String table : TABLES) {
                assertThat(count(db, table)).as(table).isGreaterThanOrEqualTo(0);
            }
            assertThat(new Migrations(db).migrate()).as("a second start changes nothing").isEmpty();
        }
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void takes_over_the_newest_database_the_earlier_runner_made_and_applies_only_what_came_after(Kind kind)
            throws Exception {
        try (Database db = TestDatabases.fresh(kind, tempDir)) {
            // V10 was the newest script the runner before Flyway ever applied.
            LegacySchemaVersion.migrate(db, Migrations.DEFAULT_LOCATION, 10);

            assertThat(new Migrations(db).migrate()).extracting(AppliedMigration::version).containsExactly(11, 12, 13);
            assertThat(baselineVersion(db)).isEqualTo("10");
            assertThat(new Migrations(db).migrate()).isEmpty();
        }
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void take_over_refuses_a_script_edited_after_the_earlier_runner_applied(Kind kind) throws Exception {
        try (Database db = TestDatabases.fresh(kind, tempDir)) {
            LegacySchemaVersion.migrate(db, "migrations/original", 1);

            assertThatThrownBy(() -> new Migrations(db, "migrations/edited").migrate())
                    .isInstanceOf(MigrationException.class)
                    .hasMessageStartingWith("Migration V1__first.sql was changed after it was applied");
        }
    }

    /** An unknown schema without any history is not somebody's store to take over. */
    @ParameterizedTest
    @EnumSource(Kind.class)
    void a_non_empty_database_without_history_stops_start_up(Kind kind) throws Exception {
        try (Database db = TestDatabases.fresh(kind, tempDir)) {
            execute(db, "CREATE TABLE somebody_elses (id INTEGER PRIMARY KEY)");

            assertThatThrownBy(() -> new Migrations(db).migrate()).isInstanceOf(MigrationException.class)
                    .hasMessageContaining("non-empty schema");
        }
    }

    private static String baselineVersion(Database db) throws SQLException {
        try (Connection connection = db.dataSource().getConnection();
             Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery(
                     "SELECT \"version\" FROM \"flyway_schema_history\" WHERE \"type\" = 'BASELINE'")) {
            assertThat(rs.next()).as("a baseline row").isTrue();
            return rs.getString(1);
        }
    }

    private static void execute(Database db, String sql) throws SQLException {
        try (Connection connection = db.dataSource().getConnection();
             Statement statement = connection.createStatement()) {
            statement.execute(sql);
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
