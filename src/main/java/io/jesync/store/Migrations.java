package io.jesync.store;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.jar.JarFile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Brings the schema up to the scripts in this build: {@code V<n>__<description>.sql}, numbered
 * 1..n without gaps, each applied once in its own transaction and recorded with its checksum.
 * Scripts are plain SQL that both H2 and PostgreSQL accept; statements end with {@code ;}.
 */
public final class Migrations {

    public static final String DEFAULT_LOCATION = "db/migration";

    private static final Pattern SCRIPT_NAME = Pattern.compile("V(\\d+)__([A-Za-z0-9_]+)\\.sql");
    /** Any constant works; it only has to be the same for every instance sharing the database. */
    private static final long POSTGRESQL_LOCK_KEY = 0x6a6573796e63L;
    /** H2 file mode allows one process, so a lock inside this JVM is enough to serialise runs. */
    private static final ReentrantLock H2_LOCK = new ReentrantLock();

    private static final String CREATE_VERSION_TABLE = """
            CREATE TABLE IF NOT EXISTS schema_version (
                version INTEGER NOT NULL PRIMARY KEY,
                description VARCHAR(200) NOT NULL,
                checksum VARCHAR(64) NOT NULL,
                installed_at TIMESTAMP WITH TIME ZONE NOT NULL
            )""";
    /** PostgreSQL's and H2's "no such table", seen before the first migration. */
    private static final Set<String> MISSING_TABLE = Set.of("42P01", "42S02");
    private static final String SELECT_APPLIED =
            "SELECT version, description, checksum, installed_at FROM schema_version ORDER BY version";
    private static final String INSERT_APPLIED =
            "INSERT INTO schema_version (version, description, checksum, installed_at) VALUES (?, ?, ?, CURRENT_TIMESTAMP)";

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
     * @throws MigrationException when a script was edited after it was applied, or scripts are missing
     */
    public List<AppliedMigration> migrate() {
        List<Script> scripts = scripts();
        try (Connection connection = database.dataSource().getConnection()) {
            if (database.vendor() == Database.Vendor.POSTGRESQL) {
                return migrateUnderAdvisoryLock(connection, scripts);
            }
            H2_LOCK.lock();
            try {
                return migrateLocked(connection, scripts);
            } finally {
                H2_LOCK.unlock();
            }
        } catch (SQLException e) {
            throw new MigrationException("Cannot migrate the store schema: " + oneLine(e.getMessage()), e);
        }
    }

    /** What {@code schema_version} records, oldest first; empty before the first migration. */
    public List<AppliedMigration> applied() {
        try (Connection connection = database.dataSource().getConnection()) {
            return readApplied(connection);
        } catch (SQLException e) {
            if (MISSING_TABLE.contains(e.getSQLState())) {
                return List.of();
            }
            throw new StoreException("Cannot read schema_version", e);
        }
    }

    /**
     * A session-level advisory lock spans the per-migration transactions, so a second instance
     * starting at the same moment waits and then finds nothing left to do.
     */
    private List<AppliedMigration> migrateUnderAdvisoryLock(Connection connection, List<Script> scripts)
            throws SQLException {
        try (PreparedStatement lock = connection.prepareStatement("SELECT pg_advisory_lock(?)")) {
            lock.setLong(1, POSTGRESQL_LOCK_KEY);
            lock.execute();
        }
        try {
            return migrateLocked(connection, scripts);
        } finally {
            try (PreparedStatement unlock = connection.prepareStatement("SELECT pg_advisory_unlock(?)")) {
                unlock.setLong(1, POSTGRESQL_LOCK_KEY);
                unlock.execute();
            }
        }
    }

    private List<AppliedMigration> migrateLocked(Connection connection, List<Script> scripts) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute(CREATE_VERSION_TABLE);
        }
        List<AppliedMigration> applied = readApplied(connection);
        validate(applied, scripts);
        List<AppliedMigration> newlyApplied = new ArrayList<>();
        for (Script script : scripts.subList(applied.size(), scripts.size())) {
            apply(connection, script);
            newlyApplied.add(readApplied(connection).get(script.version() - 1));
        }
        return newlyApplied;
    }

    /**
     * On H2, DDL commits implicitly, so a script that fails halfway leaves its earlier statements
     * behind; on PostgreSQL the whole script rolls back.
     */
    private static void apply(Connection connection, Script script) throws SQLException {
        connection.setAutoCommit(false);
        try {
            try (Statement statement = connection.createStatement()) {
                for (String sql : script.statements()) {
                    statement.execute(sql);
                }
            }
            try (PreparedStatement insert = connection.prepareStatement(INSERT_APPLIED)) {
                insert.setInt(1, script.version());
                insert.setString(2, script.description());
                insert.setString(3, script.checksum());
                insert.executeUpdate();
            }
            connection.commit();
        } catch (SQLException e) {
            connection.rollback();
            throw new MigrationException("Migration " + script.fileName() + " failed: " + oneLine(e.getMessage()), e);
        } finally {
            connection.setAutoCommit(true);
        }
    }

    private static void validate(List<AppliedMigration> applied, List<Script> scripts) {
        for (int i = 0; i < scripts.size(); i++) {
            if (scripts.get(i).version() != i + 1) {
                throw new MigrationException("Migration script V" + (i + 1) + " is missing: found "
                        + scripts.get(i).fileName() + " instead; scripts must be numbered 1, 2, 3... without gaps");
            }
        }
        for (int i = 0; i < applied.size(); i++) {
            AppliedMigration row = applied.get(i);
            if (row.version() != i + 1) {
                throw new MigrationException("schema_version has V" + row.version() + " but not V" + (i + 1)
                        + "; the schema was changed outside these migrations");
            }
            if (i >= scripts.size()) {
                throw new MigrationException("The database has migration V" + row.version() + " (" + row.description()
                        + ") applied but this build has no such script; it is older than the database");
            }
            Script script = scripts.get(i);
            if (!script.checksum().equals(row.checksum())) {
                throw new MigrationException("Migration " + script.fileName() + " was changed after it was applied"
                        + " (checksum " + row.checksum() + " in schema_version, " + script.checksum()
                        + " in the script); never edit an applied script, add V" + (scripts.size() + 1)
                        + "__<description>.sql instead");
            }
        }
    }

    private static List<AppliedMigration> readApplied(Connection connection) throws SQLException {
        List<AppliedMigration> rows = new ArrayList<>();
        try (Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery(SELECT_APPLIED)) {
            while (rs.next()) {
                rows.add(new AppliedMigration(rs.getInt("version"), rs.getString("description"),
                        rs.getString("checksum"), Jdbc.getInstant(rs, "installed_at")));
            }
        }
        return rows;
    }

    private List<Script> scripts() {
        Map<Integer, Script> byVersion = new TreeMap<>();
        for (Map.Entry<String, String> file : readScriptFiles().entrySet()) {
            Matcher name = SCRIPT_NAME.matcher(file.getKey());
            if (!name.matches()) {
                throw new MigrationException("Migration script " + file.getKey() + " in " + location
                        + " is not named V<number>__<description>.sql");
            }
            Script script = new Script(Integer.parseInt(name.group(1)), name.group(2), file.getKey(), file.getValue());
            Script clash = byVersion.put(script.version(), script);
            if (clash != null) {
                throw new MigrationException("Two migration scripts share version " + script.version() + ": "
                        + clash.fileName() + " and " + script.fileName());
            }
        }
        return List.copyOf(byVersion.values());
    }

    /** File name to content, for every {@code .sql} file directly in the location folder. */
    private Map<String, String> readScriptFiles() {
        ClassLoader loader = classLoader;
        Map<String, String> files = new TreeMap<>();
        try {
            for (URL folder : Collections.list(loader.getResources(location))) {
                for (String name : listSqlFiles(folder)) {
                    try (InputStream in = loader.getResourceAsStream(location + "/" + name)) {
                        if (in == null) {
                            throw new MigrationException("Cannot read migration script " + location + "/" + name);
                        }
                        files.put(name, new String(in.readAllBytes(), StandardCharsets.UTF_8));
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot list migration scripts in " + location, e);
        }
        if (files.isEmpty()) {
            // Running on without a schema would fail later and far less clearly.
            throw new MigrationException("No migration scripts found in classpath folder " + location);
        }
        return files;
    }

    private List<String> listSqlFiles(URL folder) throws IOException {
        if ("file".equals(folder.getProtocol())) {
            try (Stream<Path> entries = Files.list(Path.of(folder.toURI()))) {
                return entries.map(path -> path.getFileName().toString()).filter(name -> name.endsWith(".sql")).toList();
            } catch (URISyntaxException e) {
                throw new IOException("Bad migration folder URL " + folder, e);
            }
        }
        if ("jar".equals(folder.getProtocol())) {
            JarURLConnection connection = (JarURLConnection) folder.openConnection();
            connection.setUseCaches(false);
            String entry = connection.getEntryName();
            String prefix = entry.endsWith("/") ? entry : entry + "/";
            try (JarFile jar = connection.getJarFile()) {
                return jar.stream()
                        .map(jarEntry -> jarEntry.getName())
                        .filter(name -> name.startsWith(prefix) && name.endsWith(".sql"))
                        .map(name -> name.substring(prefix.length()))
                        .filter(name -> !name.contains("/"))
                        .toList();
            }
        }
        throw new MigrationException("Cannot list migration scripts from " + folder.getProtocol() + " URLs");
    }

    private static String oneLine(String message) {
        return message == null ? "" : message.replaceAll("\\s+", " ").trim();
    }

    private record Script(int version, String description, String fileName, String content) {

        /** Line endings are normalised so a Windows checkout does not look like an edited script. */
        String checksum() {
            try {
                byte[] normalised = content.replace("\r\n", "\n").getBytes(StandardCharsets.UTF_8);
                return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(normalised));
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException("SHA-256 is required by every Java runtime", e);
            }
        }

        /** Splits on semicolons outside quotes and {@code --} comments. */
        List<String> statements() {
            List<String> statements = new ArrayList<>();
            StringBuilder current = new StringBuilder();
            boolean inQuote = false;
            for (int i = 0; i < content.length(); i++) {
                char c = content.charAt(i);
                if (!inQuote && c == '-' && i + 1 < content.length() && content.charAt(i + 1) == '-') {
                    int end = content.indexOf('\n', i);
                    i = end < 0 ? content.length() : end;
                    current.append('\n');
                    continue;
                }
                if (c == '\'') {
                    inQuote = !inQuote;
                }
                if (c == ';' && !inQuote) {
                    addIfNotBlank(statements, current);
                    current.setLength(0);
                } else {
                    current.append(c);
                }
            }
            addIfNotBlank(statements, current);
            return statements;
        }

        private static void addIfNotBlank(List<String> statements, StringBuilder sql) {
            String statement = sql.toString().strip();
            if (!statement.isEmpty()) {
                statements.add(statement);
            }
        }
    }
}
