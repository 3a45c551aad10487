package io.jesync.store;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class StoreDatabaseTest {

    @TempDir
    Path tempDir;

    @Test
    void h2_file_url_without_write_delay_gets_it_and_its_folder_is_created() throws SQLException {
        Path file = tempDir.resolve("data").resolve("nested").resolve("jesync");

        try (Database db = new Database("jdbc:h2:file:" + file, "sa", "")) {
            assertThat(db.vendor()).isEqualTo(Database.Vendor.H2);
            assertThat(db.url()).isEqualTo("jdbc:h2:file:" + file + ";WRITE_DELAY=0");
            assertThat(file.getParent()).isDirectory();
            assertThat(writeDelay(db)).isEqualTo("0");
        }
    }

    @Test
    void h2_urls_are_made_durable_only_where_there_is_a_file() {
        assertThat(Database.durableH2Url("jdbc:h2:./data/jesync")).isEqualTo("jdbc:h2:./data/jesync;WRITE_DELAY=0");
        assertThat(Database.durableH2Url("jdbc:h2:file:./data/jesync;MODE=Regular"))
                .isEqualTo("jdbc:h2:file:./data/jesync;MODE=Regular;WRITE_DELAY=0");
        assertThat(Database.durableH2Url(Database.DEFAULT_URL)).isEqualTo(Database.DEFAULT_URL);
        assertThat(Database.durableH2Url("jdbc:h2:file:./x;write_delay=0")).isEqualTo("jdbc:h2:file:./x;write_delay=0");
        assertThat(Database.durableH2Url("jdbc:h2:mem:test")).isEqualTo("jdbc:h2:mem:test");
    }

    @Test
    void h2_url_with_a_delayed_write_is_refused() {
        assertThatThrownBy(() -> Database.durableH2Url("jdbc:h2:file:./x;WRITE_DELAY=500"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("WRITE_DELAY=0");
    }

    @Test
    void vendor_comes_from_the_url() {
        assertThat(Database.vendorOf("jdbc:h2:file:./data/jesync")).isEqualTo(Database.Vendor.H2);
        assertThat(Database.vendorOf("jdbc:postgresql://db:5432/jesync")).isEqualTo(Database.Vendor.POSTGRESQL);
    }

    @Test
    void unsupported_url_names_the_scheme_but_never_the_password() {
        assertThatThrownBy(() -> new Database("jdbc:mysql://db/jesync?password=s3cret", "u", "s3cret"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'jdbc:mysql'")
                .hasMessageNotContaining("s3cret");
        assertThatThrownBy(() -> Database.vendorOf("postgres://u:s3cret@db/jesync"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageNotContaining("s3cret");
    }

    private static String writeDelay(Database db) throws SQLException {
        try (Connection connection = db.dataSource().getConnection();
             Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery(
                     "SELECT SETTING_VALUE FROM INFORMATION_SCHEMA.SETTINGS WHERE SETTING_NAME = 'WRITE_DELAY'")) {
            rs.next();
            return rs.getString(1);
        }
    }
}
