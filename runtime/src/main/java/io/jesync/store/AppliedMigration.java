package io.jesync.store;

import java.time.Instant;

/** One applied script as the schema history records it; the checksum is Flyway's. */
public record AppliedMigration(int version, String description, String checksum, Instant installedAt) {
}
