package io.jesync;

/** Entry point of {@code java -jar jetshop-economic-sync.jar}: boots the runtime and exits with its status. */
public final class SyncApplication {
    private SyncApplication() {
    }

    public static void main(String[] args) {
        int status = new Bootstrap(System.getenv()).run(args);
        if (status != 0) {
            System.exit(status);
        }
    }
}
