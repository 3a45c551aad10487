package io.jesync.product;

import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.jesync.config.RuntimeSettings;
import io.jesync.config.ShopSettings;
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
                initialSync.run(shop, direction, dryRun, Progress.NONE, runId);
            } finally {
                busy.set(false);
            }
        });
        return Optional.of(runId);
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
            if (run.summary() != null) {
                try {
                    json.set("counts", Json.MAPPER.readTree(run.summary()));
                } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                    json.put("counts", run.summary());
                }
            }
            if (run.reportPath() != null) {
                json.put("report", run.reportPath());
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
