package io.jesync.config;

import java.util.Optional;

/** The state store: H2 file mode by default, PostgreSQL when several instances share the work. */
public record StoreSettings(String jdbcUrl, String username, Optional<Secret> password, RetentionSettings retention) {
}
