package io.jesync.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import io.jesync.config.RetentionSettings;
import io.jesync.store.Database;
import io.jesync.store.Migrations;
import io.jesync.testsupport.MutableClock;
import io.jesync.testsupport.TestDatabases;

/**
 * The retention job deletes history past its age and nothing that is still in play: events of an order that is not
 * finished, a running reconciliation, an unresolved parked item; and it deletes in batches, more rows than one batch.
 */
class RetentionTest {
    private static final Instant NOW = Instant.parse("2026-09-01T03:15:00Z");
    @TempDir
    Path tempDir;
    private Database db;
    private final MutableClock clock = new MutableClock(NOW);

    @AfterEach
    void close() {
        if (db != null) {
            db.close();
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabases.Kind.class)
    void deletes_finished_history_older_than_its_age_and_keeps_what_is_in_play(TestDatabases.Kind kind)
            throws Exception {
        db = TestDatabases.fresh(kind, tempDir);
        new Migrations(db).migrate();
        Instant old = NOW.minus(Duration.ofDays(200));
        Instant recent = NOW.minus(Duration.ofDays(2));
        order("1", "ACKNOWLEDGED");
        order("2", "PARKED");
        for (int i = 0; i < Retention.BATCH + 5; i++) {
            event("1", old);
        }
        event("1", recent);
        event("2", old);
        event("3", old);
        sql("INSERT INTO product_trace (shop_id, article_number, at, writer, target, action, origin)"
                + " VALUES ('se', 'A', ?, 'runtime', 'economic', 'UPDATE', 'test')", old);
        sql("INSERT INTO product_trace (shop_id, article_number, at, writer, target, action, origin)"
                + " VALUES ('se', 'B', ?, 'runtime', 'economic', 'UPDATE', 'test')", recent);
        sql("INSERT INTO reconciliation_run (shop_id, kind, business_day, state, trigger_source, started_at)"
                + " VALUES ('se', 'orders', DATE '2026-02-01', 'DONE', 'SCHEDULE', ?)", old);
        sql("INSERT INTO reconciliation_run (shop_id, kind, business_day, state, trigger_source, started_at)"
                + " VALUES ('se', 'orders', DATE '2026-02-02', 'RUNNING', 'SCHEDULE', ?)", old);
        sql("INSERT INTO parked_item (kind, shop_id, item_key, reason, created_at, resolved_at)"
                + " VALUES ('order', 'se', 'resolved-long-ago', 'x', ?, ?)", old, old);
        sql("INSERT INTO parked_item (kind, shop_id, item_key, reason, created_at, resolved_at)"
                + " VALUES ('order', 'se', 'open', 'x', ?, NULL)", old);
        sql("INSERT INTO scheduled_run (route_id, instance_id, started_at) VALUES ('poll-orders-se', 'a', ?)", old);
        sql("INSERT INTO scheduled_run (route_id, instance_id, started_at) VALUES ('poll-orders-se', 'a', ?)", recent);

        Map<String, Integer> deleted = new Retention(db.dataSource(), clock, RetentionSettings.defaults()).run();

        assertThat(deleted).containsEntry("order_event", Retention.BATCH + 5 + 1).containsEntry("product_trace", 1)
                .containsEntry("reconciliation_run", 1).containsEntry("parked_item", 1)
                .containsEntry("scheduled_run", 1);
        assertThat(strings("SELECT order_no FROM order_event ORDER BY order_no"))
                .as("the recent event of a finished order and every event of a parked one").containsExactly("1", "2");
        assertThat(strings("SELECT article_number FROM product_trace")).containsExactly("B");
        assertThat(strings("SELECT state FROM reconciliation_run")).containsExactly("RUNNING");
        assertThat(strings("SELECT item_key FROM parked_item")).containsExactly("open");
        assertThat(new Retention(db.dataSource(), clock, RetentionSettings.defaults()).run().values())
                .as("a second pass finds nothing").containsOnly(0);
    }

    private void order(String orderNo, String state) throws SQLException {
        sql("INSERT INTO order_ledger (shop_id, order_no, channel, state, created_at, updated_at)"
                + " VALUES ('se', '" + orderNo + "', 'web', '" + state + "', ?, ?)", NOW, NOW);
    }

    private void event(String orderNo, Instant at) throws SQLException {
        sql("INSERT INTO order_event (shop_id, order_no, at, step) VALUES ('se', '" + orderNo + "', ?, 'test')", at);
    }

    private void sql(String sql, Instant... instants) throws SQLException {
        try (Connection connection = db.dataSource().getConnection();
             PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < instants.length; i++) {
                statement.setObject(i + 1, OffsetDateTime.ofInstant(instants[i], ZoneOffset.UTC),
                        Types.TIMESTAMP_WITH_TIMEZONE);
            }
            statement.executeUpdate();
        }
    }

    private List<String> strings(String query) throws SQLException {
        List<String> values = new ArrayList<>();
        try (Connection connection = db.dataSource().getConnection();
             Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery(query)) {
            while (rs.next()) {
                values.add(rs.getString(1));
            }
        }
        return values;
    }
}
