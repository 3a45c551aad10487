package io.jesync.store;

import java.time.Instant;

/** One row of {@code schema_version}. */
public record AppliedMigration(int version, String description, String checksum, Instant installedAt) {
}
