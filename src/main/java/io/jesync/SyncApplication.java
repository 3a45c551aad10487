package io.jesync;

import org.apache.camel.main.Main;

public final class SyncApplication {
    private SyncApplication() {
    }

    public static void main(String[] args) throws Exception {
        new Main(SyncApplication.class).run(args);
    }
}
