package io.jesync.store;

import java.nio.file.Path;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;

import io.jesync.testsupport.TestDatabases;

/** A fresh, migrated store per test, on the database kind the parameterised test asks for. */
public abstract class MigratedStoreTest {
    @TempDir
    Path tempDir;

    private Database db;

    protected Database openMigrated(TestDatabases.Kind kind) {
        db = TestDatabases.fresh(kind, tempDir);
        new Migrations(db).migrate();
        return db;
    }

    @AfterEach
    void closeDatabase() {
        if (db != null) {
            db.close();
        }
    }
}
