package io.jesync.store;

import java.io.IOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Creates a database the way the runner before Flyway did: each script applied in order, then recorded in
 * {@code schema_version} with its SHA-256. Only for tests that prove Flyway takes such a database over.
 */
final class LegacySchemaVersion {
    private static final Pattern SCRIPT_NAME = Pattern.compile("V(\\d+)__([A-Za-z0-9_]+)\\.sql");

    private LegacySchemaVersion() {
    }

    /** Applies the scripts of classpath folder {@code location} up to and including {@code upTo}. */
    static void migrate(Database database, String location, int upTo) throws SQLException, IOException {
        try (Connection connection = database.dataSource().getConnection();
             Statement statement = connection.createStatement()) {
            statement.execute("""
                    CREATE TABLE IF NOT EXISTS schema_version (
                        version INTEGER NOT NULL PRIMARY KEY,
                        description VARCHAR(200) NOT NULL,
                        checksum VARCHAR(64) NOT NULL,
                        installed_at TIMESTAMP WITH TIME ZONE NOT NULL
                    )""");
            for (Path script : scripts(location)) {
                Matcher name = SCRIPT_NAME.matcher(script.getFileName().toString());
                if (!name.matches() || Integer.parseInt(name.group(1)) > upTo) {
                    continue;
                }
                String content = Files.readString(script, StandardCharsets.UTF_8);
                for (String sql : statements(content)) {
                    statement.execute(sql);
                }
                try (PreparedStatement insert = connection.prepareStatement("INSERT INTO schema_version"
                        + " (version, description, checksum, installed_at) VALUES (?, ?, ?, CURRENT_TIMESTAMP)")) {
                    insert.setInt(1, Integer.parseInt(name.group(1)));
                    insert.setString(2, name.group(2));
                    insert.setString(3, Migrations.legacyChecksum(content));
                    insert.executeUpdate();
                }
            }
        }
    }

    private static List<Path> scripts(String location) throws IOException {
        URL folder = LegacySchemaVersion.class.getClassLoader().getResource(location);
        try {
            // Under failsafe the scripts come from the packaged jar: its file system stays open for the JVM's life.
            java.net.URI uri = folder.toURI();
            if ("jar".equals(uri.getScheme())) {
                try {
                    java.nio.file.FileSystems.getFileSystem(uri);
                } catch (java.nio.file.FileSystemNotFoundException notOpen) {
                    java.nio.file.FileSystems.newFileSystem(uri, java.util.Map.of());
                }
            }
        } catch (URISyntaxException e) {
            throw new IOException(e);
        }
        try (Stream<Path> files = Files.list(Path.of(folder.toURI()))) {
            return files.sorted((a, b) -> Integer.compare(version(a), version(b))).toList();
        } catch (URISyntaxException e) {
            throw new IOException(e);
        }
    }

    private static int version(Path script) {
        Matcher name = SCRIPT_NAME.matcher(script.getFileName().toString());
        return name.matches() ? Integer.parseInt(name.group(1)) : Integer.MAX_VALUE;
    }

    /** The old runner's split: on semicolons outside quotes and {@code --} comments. */
    private static List<String> statements(String content) {
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
                add(statements, current);
                current.setLength(0);
            } else {
                current.append(c);
            }
        }
        add(statements, current);
        return statements;
    }

    private static void add(List<String> statements, StringBuilder sql) {
        String statement = sql.toString().strip();
        if (!statement.isEmpty()) {
            statements.add(statement);
        }
    }
}
