package io.jesync.product;

import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.jesync.json.Json;
import io.jesync.product.ProductStore;
import io.jesync.json.Json;

/**
 * Initial syncs started from the admin API: one at a time in the background; progress and the report's counts are
 * read back from the store, so they survive a restart (a restarted runtime resumes the run when started again).
 */
public final class InitialSyncService {
    private final RuntimeSettings settings;
    private final ProductStore store;
    private final InitialSync initialSync;
    private final ExecutorService executor = Executors.newSingleThreadExecutor(r -> {
        Thread thread = new Thread(r, "initial-sync");
        thread.setDaemon(true);
        return thread;
    });
    private final AtomicBoolean busy = new AtomicBoolean();
    /** The running run's phase and figures, for the console's live progress; the store has them only per chunk. */
    private final java.util.Map<Long, Object[]> live = new java.util.concurrent.ConcurrentHashMap<>();

    public InitialSyncService(RuntimeSettings settings, ProductStore store, InitialSync initialSync) {
        this.settings = settings;
        this.store = store;
        this.initialSync = initialSync;
    }

    /** Starts a run; empty when one is already running. */
    public Optional<Long> start(String shopId, SyncDirection direction, boolean dryRun) {
        ShopSettings shop = settings.shops().stream().filter(s -> s.id().equals(shopId)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no shop '" + shopId + "'"));
        if (!busy.compareAndSet(false, true)) {
            return Optional.empty();
        }
        long runId = dryRun ? store.startRun(shop.id(), direction.key(), true)
                : store.unfinished(shop.id(), direction.key()).map(ProductStore.Run::id)
                .orElseGet(() -> store.startRun(shop.id(), direction.key(), false));
        executor.execute(() -> {
            try {
                initialSync.run(shop, direction, dryRun, (phase, done, total) -> live.put(runId,
                        new Object[] {phase, done, total}), runId);
            } finally {
                live.remove(runId);
                busy.set(false);
            }
        });
        return Optional.of(runId);
    }

    /** The run's report as written next to the run (JSON), for download; empty before the plan is made. */
    public Optional<String> report(long runId) {
        return store.run(runId).map(ProductStore.Run::reportPath).map(java.nio.file.Path::of)
                .filter(java.nio.file.Files::isRegularFile).map(path -> {
                    try {
                        return java.nio.file.Files.readString(path, java.nio.charset.StandardCharsets.UTF_8);
                    } catch (java.io.IOException e) {
                        throw new java.io.UncheckedIOException("Cannot read the report " + path, e);
                    }
                });
    }

    public Optional<ObjectNode> status(long runId) {
        return store.run(runId).map(run -> {
            ObjectNode json = Json.MAPPER.createObjectNode();
            json.put("id", run.id());
            json.put("shop", run.shopId());
            json.put("direction", run.direction());
            json.put("dryRun", run.dryRun());
            json.put("state", run.state().name());
            json.put("total", run.total());
            json.put("done", run.done());
            json.put("failed", run.failed());
            Object[] now = live.get(runId);
            if (now != null) {
                json.putObject("progress").put("phase", (String) now[0]).put("done", (Long) now[1])
                        .put("total", (Long) now[2]);
            }
            if (run.summary() != null) {
                try {
                    json.set("counts", Json.MAPPER.readTree(run.summary()));
                } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                    json.put("counts", run.summary());
                }
            }
            if (run.reportPath() != null) {
                json.put("report", run.reportPath());
                json.put("reportDownload", "/api/initial-sync/" + run.id() + "/report");
            }
            if (run.message() != null) {
                json.put("message", run.message());
            }
            json.put("startedAt", run.startedAt().toString());
            if (run.finishedAt() != null) {
                json.put("finishedAt", run.finishedAt().toString());
            }
            return json;
        });
    }
}
