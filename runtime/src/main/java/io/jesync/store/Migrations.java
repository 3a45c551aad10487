package io.jesync.store;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationVersion;
import org.flywaydb.core.api.output.MigrateResult;

/**
 * Brings the schema up to the scripts in this build with Flyway: {@code V<n>__<description>.sql}, numbered 1..n
 * without gaps, each applied once and recorded with its checksum in {@code flyway_schema_history}. Flyway also
 * serialises instances that start at the same time against one database.
 * <p>
 * Databases created before Flyway recorded their scripts in {@code schema_version}. Such a database is taken over
 * in place: its recorded scripts are checked against this build's, then Flyway baselines at the highest recorded
 * version and applies the newer scripts. {@code schema_version} is left as it was and no longer written
 * (docs/store.md).
 */
public final class Migrations {

    public static final String DEFAULT_LOCATION = "db/migration";

    /** The table the runner before Flyway kept; read once, when a database is taken over. */
    static final String LEGACY_TABLE = "schema_version";
    /** PostgreSQL's and H2's "no such table". */
    private static final Set<String> MISSING_TABLE = Set.of("42P01", "42S02", "42S04");

    private final Database database;
    private final String location;
    private final ClassLoader classLoader;

    public Migrations(Database database) {
        this(database, DEFAULT_LOCATION);
    }

    /** {@code location} is a classpath folder, e.g. {@code db/migration}. */
    public Migrations(Database database, String location) {
        this(database, location, Migrations.class.getClassLoader());
    }

    Migrations(Database database, String location, ClassLoader classLoader) {
        this.database = database;
        this.location = location;
        this.classLoader = classLoader;
    }

    /**
     * Validates what is applied against the scripts, then applies the missing ones.
     *
     * @return the migrations applied by this call, empty when the schema was already current
     * @throws MigrationException when a script was edited after it was applied, scripts are missing or the
     *                            database is newer than this build
     */
    public List<AppliedMigration> migrate() {
        try {
            Flyway flyway = flyway(legacyVersion());
            checkScripts(flyway);
            MigrateResult result = flyway.migrate();
            List<String> versions = result.migrations.stream().map(output -> output.version).toList();
            return applied(flyway).stream().filter(m -> versions.contains(Integer.toString(m.version()))).toList();
        } catch (FlywayException e) {
            throw new MigrationException("Cannot migrate the store schema: " + oneLine(e.getMessage()), e);
        }
    }

    /** What Flyway records as applied, oldest first; empty before the first migration. */
    public List<AppliedMigration> applied() {
        try {
            return applied(flyway(null));
        } catch (FlywayException e) {
            throw new StoreException("Cannot read the schema history: " + oneLine(e.getMessage()), e);
        }
    }

    private Flyway flyway(MigrationVersion baseline) {
        var config = Flyway.configure(classLoader)
                .dataSource(database.dataSource())
                .locations("classpath:" + location)
                .validateMigrationNaming(true)
                // A database that has scripts this build lacks is newer than the build: stop rather than run on.
                .ignoreMigrationPatterns(new String[0])
                .cleanDisabled(true);
        if (baseline != null) {
            config = config.baselineOnMigrate(true).baselineVersion(baseline)
                    .baselineDescription("taken over from " + LEGACY_TABLE);
        }
        return config.load();
    }

    private static List<AppliedMigration> applied(Flyway flyway) {
        return Arrays.stream(flyway.info().applied())
                .filter(m -> m.getVersion() != null && !m.getType().isBaseline() && !m.getType().isUndo())
                .map(Migrations::toApplied).toList();
    }

    private static AppliedMigration toApplied(MigrationInfo info) {
        return new AppliedMigration(Integer.parseInt(info.getVersion().getVersion()), info.getDescription()
                .replace(' ', '_'), String.valueOf(info.getChecksum()),
                info.getInstalledOn() == null ? null : info.getInstalledOn().toInstant());
    }

    /** Flyway accepts gaps and an empty folder; both mean a script got lost, so start-up stops here. */
    private void checkScripts(Flyway flyway) {
        List<MigrationInfo> scripts = Arrays.stream(flyway.info().all())
                .filter(m -> m.getScript() != null && m.getVersion() != null && !m.getType().isBaseline())
                .filter(m -> m.getPhysicalLocation() != null && !m.getPhysicalLocation().isEmpty()).toList();
        if (scripts.isEmpty()) {
            throw new MigrationException("No migration scripts found in classpath folder " + location);
        }
        for (int i = 0; i < scripts.size(); i++) {
            int version = Integer.parseInt(scripts.get(i).getVersion().getVersion());
            if (version != i + 1) {
                throw new MigrationException("Migration script V" + (i + 1) + " is missing: found "
                        + scripts.get(i).getScript() + " instead; scripts must be numbered 1, 2, 3... without gaps");
            }
        }
    }

    /**
     * The highest version {@code schema_version} records when this database has not been taken over yet, after
     * checking each recorded script against this build; null for a new database or one Flyway already keeps.
     */
    private MigrationVersion legacyVersion() {
        List<String[]> rows = new ArrayList<>();
        try (Connection connection = database.dataSource().getConnection()) {
            if (hasTable(connection, "flyway_schema_history")) {
                return null;
            }
            try (Statement statement = connection.createStatement();
                 ResultSet rs = statement.executeQuery(
                         "SELECT version, description, checksum FROM " + LEGACY_TABLE + " ORDER BY version")) {
                while (rs.next()) {
                    rows.add(new String[] {rs.getString(1), rs.getString(2), rs.getString(3)});
                }
            }
        } catch (SQLException e) {
            if (MISSING_TABLE.contains(e.getSQLState())) {
                return null;
            }
            throw new MigrationException("Cannot read " + LEGACY_TABLE + ": " + oneLine(e.getMessage()), e);
        }
        if (rows.isEmpty()) {
            return null;
        }
        for (String[] row : rows) {
            String file = "V" + row[0] + "__" + row[1] + ".sql";
            String script = read(location + "/" + file);
            if (script == null) {
                throw new MigrationException("The database has migration V" + row[0] + " (" + row[1]
                        + ") applied but this build has no such script; it is older than the database");
            }
            if (!legacyChecksum(script).equals(row[2])) {
                throw new MigrationException("Migration " + file + " was changed after it was applied (checksum "
                        + row[2] + " in " + LEGACY_TABLE + "); never edit an applied script, add a new one instead");
            }
        }
        return MigrationVersion.fromVersion(rows.get(rows.size() - 1)[0]);
    }

    private static boolean hasTable(Connection connection, String table) throws SQLException {
        for (String name : List.of(table, table.toUpperCase(java.util.Locale.ROOT))) {
            try (ResultSet rs = connection.getMetaData().getTables(null, null, name, new String[] {"TABLE"})) {
                if (rs.next()) {
                    return true;
                }
            }
        }
        return false;
    }

    private String read(String resource) {
        try (InputStream in = classLoader.getResourceAsStream(resource)) {
            return in == null ? null : new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read migration script " + resource, e);
        }
    }

    /** What the runner before Flyway recorded: SHA-256 of the script with Windows line endings normalised. */
    static String legacyChecksum(String script) {
        try {
            byte[] normalised = script.replace("\r\n", "\n").getBytes(StandardCharsets.UTF_8);
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(normalised));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every Java runtime", e);
        }
    }

    private static String oneLine(String message) {
        return message == null ? "" : message.replaceAll("\\s+", " ").trim();
    }
}
