package io.jesync.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.jesync.store.Database;
import io.jesync.store.Migrations;

/** The H2 files (customers' personal data) end up readable by the runtime's user only; a shared folder keeps its mode. */
class StoreFilesTest {

    @Test
    void the_store_files_and_their_own_folder_are_for_the_owner_only(@TempDir Path dir) throws Exception {
        Path folder = Files.createDirectory(dir.resolve("data"));
        Files.setPosixFilePermissions(folder, PosixFilePermissions.fromString("rwxr-xr-x"));
        String url = "jdbc:h2:file:" + folder.resolve("jesync");
        try (Database db = new Database(url, "sa", "")) {
            new Migrations(db).migrate();
            StoreFiles.restrict(url);
        }

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(folder.resolve("jesync.mv.db"))))
                .isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(folder))).isEqualTo("rwx------");
    }

    @Test
    void a_folder_shared_with_other_files_keeps_its_mode(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("notes.txt"), "not the store's");
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        String url = "jdbc:h2:" + dir.resolve("shop") + ";WRITE_DELAY=0";
        try (Database db = new Database(url, "sa", "")) {
            new Migrations(db).migrate();
            StoreFiles.restrict(url);
        }

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("shop.mv.db"))))
                .isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir))).isEqualTo("rwxr-xr-x");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("notes.txt"))))
                .as("not the store's").isNotEqualTo("rw-------");
    }

    @Test
    void names_the_file_of_each_h2_url_form_and_nothing_for_other_stores() {
        assertThat(StoreFiles.h2Base("jdbc:h2:file:./data/jesync;WRITE_DELAY=0")).contains(Path.of("./data/jesync"));
        assertThat(StoreFiles.h2Base("jdbc:h2:/srv/x")).contains(Path.of("/srv/x"));
        assertThat(StoreFiles.h2Base("jdbc:h2:mem:test")).isEmpty();
        assertThat(StoreFiles.h2Base("jdbc:postgresql://db/jesync")).isEmpty();
    }
}
