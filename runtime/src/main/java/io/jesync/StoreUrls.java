package io.jesync;

import java.util.regex.Pattern;

/** JDBC URLs as they may be printed: a password given in the URL itself is masked. */
final class StoreUrls {
    /** PostgreSQL's {@code password=} query parameter and H2's {@code ;PASSWORD=} setting, in any case. */
    private static final Pattern PASSWORD = Pattern.compile("(?i)((?:[?&;])password=)[^&;]*");

    private StoreUrls() {
    }

    static String withoutPassword(String jdbcUrl) {
        return PASSWORD.matcher(jdbcUrl).replaceAll("$1****");
    }
}
