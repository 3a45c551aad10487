package io.jesync.cluster;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;

import javax.sql.DataSource;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.jesync.config.RetentionSettings;

/**
 * Keeps the store bounded: deletes finished history older than its {@code store.retention.*} age, in batches so no
 * transaction holds many rows. What is still in play is never touched: the events of an order that is not yet
 * acknowledged, skipped or reversed, a running reconciliation, a parked item that is not resolved.
 */
public final class Retention {
    private static final Logger LOG = LoggerFactory.getLogger(Retention.class);
    /** Rows per delete: small enough that a run never blocks the flows' writes for long. */
    static final int BATCH = 1000;
    /** Order states after which an order's timeline is history. */
    private static final String FINISHED_ORDER = "('ACKNOWLEDGED', 'SKIPPED')";

    private final DataSource dataSource;
    private final Clock clock;
    private final RetentionSettings settings;

    public Retention(DataSource dataSource, Clock clock, RetentionSettings settings) {
        this.dataSource = dataSource;
        this.clock = clock;
        this.settings = settings;
    }

    /** One pass over every kind of history. @return rows deleted per table */
    public Map<String, Integer> run() throws SQLException {
        Map<String, Integer> deleted = new LinkedHashMap<>();
        deleted.put("order_event", prune("order_event", "at < ? AND NOT EXISTS (SELECT 1 FROM order_ledger l"
                + " WHERE l.shop_id = order_event.shop_id AND l.order_no = order_event.order_no AND l.state NOT IN "
                + FINISHED_ORDER + ")", settings.orderEvents()));
        deleted.put("product_trace", prune("product_trace", "at < ?", settings.traces()));
        deleted.put("reconciliation_run", prune("reconciliation_run", "started_at < ? AND state <> 'RUNNING'",
                settings.reconciliationRuns()));
        deleted.put("parked_item", prune("parked_item", "resolved_at IS NOT NULL AND resolved_at < ?",
                settings.resolvedParked()));
        deleted.put("scheduled_run", prune("scheduled_run", "started_at < ?", settings.scheduledRuns()));
        if (deleted.values().stream().anyMatch(n -> n > 0)) {
            LOG.info("Retention deleted {}", deleted);
        }
        return deleted;
    }

    private int prune(String table, String older, Duration age) throws SQLException {
        OffsetDateTime cutoff = OffsetDateTime.ofInstant(clock.instant().minus(age), ZoneOffset.UTC);
        String sql = "DELETE FROM " + table + " WHERE id IN (SELECT id FROM " + table + " WHERE " + older
                + " ORDER BY id FETCH FIRST " + BATCH + " ROWS ONLY)";
        int total = 0;
        try (Connection connection = dataSource.getConnection();
             PreparedStatement delete = connection.prepareStatement(sql)) {
            int n;
            do {
                delete.setObject(1, cutoff, Types.TIMESTAMP_WITH_TIMEZONE);
                n = delete.executeUpdate();
                total += n;
            } while (n == BATCH);
        }
        return total;
    }
}
