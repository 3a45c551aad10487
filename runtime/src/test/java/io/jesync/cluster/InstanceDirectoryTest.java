package io.jesync.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import com.fasterxml.jackson.databind.JsonNode;

import io.jesync.store.Database;
import io.jesync.store.InstancePresence;
import io.jesync.store.Migrations;
import io.jesync.testsupport.MutableClock;
import io.jesync.testsupport.TestDatabases;

/**
 * The instance list the admin API shows: every instance holding an id with its host, version, start and last beat;
 * one whose beat stood still for longer than {@link InstanceDirectory#STALE} is listed as not live, and the role
 * follows the store (cluster member on PostgreSQL, single on H2).
 */
class InstanceDirectoryTest {
    @TempDir
    Path tempDir;
    private Database db;
    private final MutableClock clock = new MutableClock(Instant.parse("2026-03-02T08:00:00Z"));

    @AfterEach
    void close() {
        if (db != null) {
            db.close();
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabases.Kind.class)
    void lists_each_instance_with_host_version_and_whether_its_beat_is_recent(TestDatabases.Kind kind)
            throws Exception {
        db = TestDatabases.fresh(kind, tempDir);
        new Migrations(db).migrate();
        ClusteredScheduler.Mode mode = ClusteredScheduler.modeFor(db);
        InstancePresence a = new InstancePresence(db, clock, "node-a", "node-a#1");
        a.enter(1, () -> { });
        new InstanceDirectory(db.dataSource(), clock, "node-a", mode).describe("node-a#1", "host-a", "1.2.3");
        clock.advance(Duration.ofSeconds(20));
        InstancePresence b = new InstancePresence(db, clock, "node-b", "node-b#1");
        b.enter(1, () -> { });
        InstanceDirectory directory = new InstanceDirectory(db.dataSource(), clock, "node-b", mode);
        directory.describe("node-b#1", "host-b", "1.2.4");
        clock.advance(Duration.ofSeconds(15));
        b.beat();

        JsonNode view = directory.view();

        assertThat(view.path("self").asText()).isEqualTo("node-b");
        assertThat(view.path("role").asText()).isEqualTo(kind == TestDatabases.Kind.POSTGRESQL ? "cluster-member"
                : "single");
        assertThat(view.path("live").asInt()).as("node-a last beat 35 s ago").isEqualTo(1);
        JsonNode first = view.path("instances").get(0);
        assertThat(first.path("id").asText()).isEqualTo("node-a");
        assertThat(first.path("host").asText()).isEqualTo("host-a");
        assertThat(first.path("version").asText()).isEqualTo("1.2.3");
        assertThat(first.path("live").asBoolean()).isFalse();
        assertThat(first.path("startedAt").asText()).isEqualTo("2026-03-02T08:00:00Z");
        JsonNode second = view.path("instances").get(1);
        assertThat(second.path("id").asText()).isEqualTo("node-b");
        assertThat(second.path("live").asBoolean()).isTrue();
        assertThat(second.path("self").asBoolean()).isTrue();
        assertThat(second.path("lastBeat").asText()).isEqualTo("2026-03-02T08:00:35Z");

        b.leave();
        assertThat(directory.list()).extracting(InstanceDirectory.Instance::id).containsExactly("node-a");
    }
}
