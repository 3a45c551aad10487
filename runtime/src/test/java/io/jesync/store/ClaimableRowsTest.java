package io.jesync.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import io.jesync.testsupport.MutableClock;
import io.jesync.testsupport.TestDatabases;
import io.jesync.testsupport.TestDatabases.Kind;

/** The lease discipline of {@link ClaimableRows} on a table of its own, on H2 and on PostgreSQL. */
@Tag("harness")
class ClaimableRowsTest {

    private static final Duration LEASE = Duration.ofMinutes(5);
    private static final int CALLERS = 16;
    private static final ClaimableRows WORK = ClaimableRows.ledger("claim_work", List.of("id"),
            List.of("NEW", "IN_DOUBT", "SENDING"), List.of("DONE")).adoptingAs("SENDING", "IN_DOUBT");
    private static final ClaimableRows RESERVATIONS = ClaimableRows.reservations("claim_work", List.of("id"),
            "result IS NULL");

    @TempDir
    Path tempDir;

    private final MutableClock clock = new MutableClock(Instant.parse("2026-03-02T08:00:00.123456Z"));
    private final ThreadLocal<String> owner = new ThreadLocal<>();
    private Database db;

    private void open(Kind kind) throws SQLException {
        db = TestDatabases.fresh(kind, tempDir);
        try (Connection connection = db.dataSource().getConnection();
             Statement statement = connection.createStatement()) {
            statement.execute("""
                    CREATE TABLE claim_work (
                        id BIGINT PRIMARY KEY,
                        state VARCHAR(16) NOT NULL,
                        result VARCHAR(64),
                        reason VARCHAR(200),
                        attempts INT NOT NULL,
                        next_attempt_at TIMESTAMP WITH TIME ZONE,
                        claimed_by VARCHAR(128),
                        claimed_until TIMESTAMP WITH TIME ZONE,
                        updated_at TIMESTAMP WITH TIME ZONE NOT NULL,
                        version BIGINT NOT NULL)""");
        }
    }

    @AfterEach
    void closeDatabase() {
        if (db != null) {
            db.close();
        }
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void of_racing_claimers_exactly_one_wins_and_the_insert_race_has_one_winner_too(Kind kind) throws Exception {
        open(kind);

        List<Boolean> inserts = race(connection -> ClaimableRows.insertUnlessPresent(connection,
                "INSERT INTO claim_work (id, state, attempts, updated_at, version) VALUES (1, 'NEW', 0, ?, 0)",
                insert -> Jdbc.setInstant(insert, 1, clock.instant())));
        assertThat(inserts).containsOnlyOnce(true);

        List<Boolean> claims = race(connection -> WORK.claim(connection, List.of(1L), owner(), now(), LEASE));

        assertThat(claims).containsOnlyOnce(true);
        Row row = read(1);
        assertThat(row.holder()).startsWith("worker-");
        assertThat(row.until()).isEqualTo(now().plus(LEASE));
        assertThat(row.version()).isEqualTo(1);
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void a_live_lease_is_respected_and_an_expired_one_is_adopted_with_a_send_put_in_doubt(Kind kind) throws Exception {
        open(kind);
        insert(1, "NEW", null);
        try (Connection connection = db.dataSource().getConnection()) {
            assertThat(WORK.claim(connection, List.of(1L), "worker-a", now(), LEASE)).isTrue();
            assertThat(WORK.update(List.of(1L)).inState("NEW").atVersion(1)
                    .apply(connection, RowChanges.none().set("state", "SENDING").countAttempt(), now())).isTrue();

            clock.advance(LEASE.minusSeconds(1));
            assertThat(WORK.claim(connection, List.of(1L), "worker-b", now(), LEASE)).isFalse();
            assertThat(read(1).holder()).isEqualTo("worker-a");

            clock.advance(Duration.ofSeconds(1));
            assertThat(WORK.claim(connection, List.of(1L), "worker-b", now(), LEASE)).isTrue();
        }
        Row adopted = read(1);
        assertThat(adopted.holder()).isEqualTo("worker-b");
        assertThat(adopted.state()).isEqualTo("IN_DOUBT");
        assertThat(adopted.attempts()).isEqualTo(1);
        assertThat(adopted.version()).isEqualTo(3);
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void a_transition_from_the_wrong_state_or_a_stale_version_is_refused_and_changes_nothing(Kind kind)
            throws Exception {
        open(kind);
        insert(1, "IN_DOUBT", null);
        RowChanges done = RowChanges.none().set("state", "DONE").set("result", "4711").releaseClaim();
        try (Connection connection = db.dataSource().getConnection()) {
            assertThat(WORK.claim(connection, List.of(1L), "worker-a", now(), LEASE)).isTrue();

            assertThat(WORK.update(List.of(1L)).inState("NEW").atVersion(1).apply(connection, done, now())).isFalse();
            assertThat(WORK.update(List.of(1L)).inState("IN_DOUBT").atVersion(0).apply(connection, done, now()))
                    .isFalse();
            assertThat(read(1)).isEqualTo(new Row("IN_DOUBT", null, 0, "worker-a", now().plus(LEASE), 1));

            assertThat(WORK.update(List.of(1L)).inState("IN_DOUBT").atVersion(1).apply(connection, done, now()))
                    .isTrue();
        }
        assertThat(read(1)).isEqualTo(new Row("DONE", "4711", 0, null, null, 2));
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void a_waiting_row_is_due_only_once_its_next_attempt_is_set_and_past(Kind kind) throws Exception {
        open(kind);
        insert(1, "DONE", null);
        insert(2, "DONE", now().plusSeconds(60));
        insert(3, "NEW", now().plusSeconds(30));
        insert(4, "NEW", null);

        assertThat(due()).containsExactly(4L);
        clock.advance(Duration.ofSeconds(60));
        assertThat(due()).containsExactly(2L, 3L, 4L);

        try (Connection connection = db.dataSource().getConnection()) {
            assertThat(WORK.claim(connection, List.of(1L), "worker-a", now(), LEASE)).isFalse();
            assertThat(WORK.claim(connection, List.of(2L), "worker-a", now(), LEASE)).isTrue();
        }
        assertThat(due()).containsExactly(3L, 4L);
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void a_reservation_is_completed_or_released_only_by_its_holder(Kind kind) throws Exception {
        open(kind);
        insert(1, "NEW", null);
        try (Connection connection = db.dataSource().getConnection()) {
            assertThat(RESERVATIONS.claim(connection, List.of(1L), "worker-a", now(), LEASE)).isTrue();
            assertThat(RESERVATIONS.claim(connection, List.of(1L), "worker-b", now(), LEASE)).isFalse();
            assertThat(RESERVATIONS.update(List.of(1L)).heldBy("worker-b")
                    .apply(connection, RowChanges.none().releaseClaim(), now())).isFalse();

            assertThat(RESERVATIONS.update(List.of(1L)).heldBy("worker-a")
                    .apply(connection, RowChanges.none().releaseClaim(), now())).isTrue();
            assertThat(RESERVATIONS.claim(connection, List.of(1L), "worker-b", now(), LEASE)).isTrue();
            assertThat(RESERVATIONS.update(List.of(1L)).heldBy("worker-b")
                    .apply(connection, RowChanges.none().set("result", "42").releaseClaim(), now())).isTrue();

            clock.advance(LEASE.multipliedBy(2));
            assertThat(RESERVATIONS.claim(connection, List.of(1L), "worker-c", now(), LEASE)).isFalse();
        }
        Row bound = read(1);
        assertThat(bound.result()).isEqualTo("42");
        assertThat(bound.holder()).isNull();
        assertThat(bound.version()).isZero();
    }

    private interface Attempt {
        boolean run(Connection connection) throws SQLException;
    }

    private String owner() {
        return owner.get();
    }

    private List<Boolean> race(Attempt attempt) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(CALLERS);
        try {
            CyclicBarrier start = new CyclicBarrier(CALLERS);
            List<Future<Boolean>> attempts = new ArrayList<>();
            for (int i = 0; i < CALLERS; i++) {
                String name = "worker-" + i;
                attempts.add(pool.submit(() -> {
                    owner.set(name);
                    try (Connection connection = db.dataSource().getConnection()) {
                        start.await(30, TimeUnit.SECONDS);
                        return attempt.run(connection);
                    }
                }));
            }
            List<Boolean> results = new ArrayList<>();
            for (Future<Boolean> each : attempts) {
                results.add(each.get(60, TimeUnit.SECONDS));
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }

    private Instant now() {
        return Jdbc.truncate(clock.instant());
    }

    private void insert(long id, String state, Instant nextAttemptAt) throws SQLException {
        try (Connection connection = db.dataSource().getConnection();
             PreparedStatement insert = connection.prepareStatement("INSERT INTO claim_work (id, state, attempts,"
                     + " next_attempt_at, updated_at, version) VALUES (?, ?, 0, ?, ?, 0)")) {
            insert.setLong(1, id);
            insert.setString(2, state);
            Jdbc.setInstant(insert, 3, nextAttemptAt);
            Jdbc.setInstant(insert, 4, now());
            insert.executeUpdate();
        }
    }

    private List<Long> due() throws SQLException {
        try (Connection connection = db.dataSource().getConnection();
             PreparedStatement select = connection.prepareStatement("SELECT w.id FROM claim_work w WHERE "
                     + WORK.claimable("w") + " ORDER BY w.id")) {
            WORK.bindClaimable(select, 1, now());
            List<Long> ids = new ArrayList<>();
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    ids.add(rs.getLong(1));
                }
            }
            return ids;
        }
    }

    private record Row(String state, String result, int attempts, String holder, Instant until, long version) {
    }

    private Row read(long id) throws SQLException {
        try (Connection connection = db.dataSource().getConnection();
             PreparedStatement select = connection.prepareStatement("SELECT * FROM claim_work WHERE id = ?")) {
            select.setLong(1, id);
            try (ResultSet rs = select.executeQuery()) {
                rs.next();
                return new Row(rs.getString("state"), rs.getString("result"), rs.getInt("attempts"),
                        rs.getString("claimed_by"), Jdbc.getInstant(rs, "claimed_until"), rs.getLong("version"));
            }
        }
    }
}
