package io.jesync.product;

import java.io.IOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;

import io.jesync.economic.EconomicException;
import io.jesync.json.Json;
import io.jesync.product.ProductStore;
import io.jesync.product.ProductStore.Item;
import io.jesync.product.ProductStore.ItemState;
import io.jesync.product.ProductStore.RunState;
import io.jesync.json.Json;
import io.jesync.product.ProductStore.Item;
import io.jesync.product.ProductStore.ItemState;
import io.jesync.product.ProductStore.RunState;

/**
 * The first synchronisation of a catalogue, in either direction. It reads both catalogues with the fewest calls
 * (e-conomic pages of 1000, the shop's pages of 500), matches them on article number and writes the report first. Without
 * dry run the report's creates and updates are then applied in plan order; the plan and every finished item are in
 * the store, so a run stopped by a crash or an outage resumes where it stopped, and a second run finds nothing to do.
 */
public final class InitialSync {
    /** How a run ended, for the command line's exit code. */
    public enum Outcome {
        /** Everything planned is written (or, dry run, reported) and nothing needs a person. */
        DONE(0),
        /** Done, but some products are invalid, in conflict or were refused: see the report. */
        DONE_WITH_PROBLEMS(4),
        /** Stopped before the end (a system unavailable); running it again resumes. */
        STOPPED(5);

        public final int exitCode;

        Outcome(int exitCode) {
            this.exitCode = exitCode;
        }
    }

    public record Result(long runId, Outcome outcome, Optional<SyncReport> report, String message) {
    }

    private static final int WRITERS = 4;
    private static final int CHUNK = 200;

    private final ProductStore store;
    private final ProductWrites writes;
    private final Clock clock;
    /** The writable part of every e-conomic product as read while planning: what an update merges into. */
    private Map<String, String> economicCopies = Map.of();

    public InitialSync(ProductStore store, ProductWrites writes, Clock clock) {
        this.store = store;
        this.writes = writes;
        this.clock = clock;
    }

    public Result run(ShopSettings shop, SyncDirection direction, boolean dryRun, Progress progress) {
        return run(shop, direction, dryRun, progress, null);
    }

    /** @param givenRunId a run already started (the admin API answers with its id before the work begins) */
    public Result run(ShopSettings shop, SyncDirection direction, boolean dryRun, Progress progress,
                      Long givenRunId) {
        long runId;
        SyncReport report = null;
        Optional<ProductStore.Run> open = givenRunId != null ? store.run(givenRunId)
                : dryRun ? Optional.empty() : store.unfinished(shop.id(), direction.key());
        try {
            if (open.isPresent() && open.get().state() == RunState.APPLYING) {
                runId = open.get().id();
                progress.update("resuming", open.get().done() + open.get().failed(), open.get().total());
            } else {
                runId = open.map(ProductStore.Run::id).orElseGet(() -> store.startRun(shop.id(), direction.key(),
                        dryRun));
                report = plan(runId, shop, direction, dryRun, progress);
                String path = report.write(shop.products().reportsDir()).toString();
                List<Item> items = dryRun ? List.of() : items(runId, report);
                store.savePlan(runId, items, report.counts().toString(), path,
                        dryRun || items.isEmpty() ? RunState.DONE : RunState.APPLYING);
                if (!dryRun) {
                    park(shop, report);
                }
                if (dryRun || items.isEmpty()) {
                    return new Result(runId, report.needsAPerson() ? Outcome.DONE_WITH_PROBLEMS : Outcome.DONE,
                            Optional.of(report), dryRun ? "dry run: nothing written" : "nothing to write");
                }
            }
            int failed = apply(runId, shop, direction, progress);
            store.finish(runId, RunState.DONE, failed == 0 ? "applied" : failed + " product(s) refused; parked");
            ProductStore.Run done = store.run(runId).orElseThrow();
            boolean problems = failed > 0 || done.failed() > 0 || (report != null && report.needsAPerson())
                    || (done.summary() != null && !done.summary().contains("\"conflicts\":0,\"invalid\":0"));
            return new Result(runId, problems ? Outcome.DONE_WITH_PROBLEMS : Outcome.DONE, Optional.ofNullable(report),
                    "applied " + done.done() + " of " + done.total() + (done.failed() > 0 ? ", " + done.failed()
                    + " refused" : ""));
        } catch (IOException | RuntimeException e) {
            open.ifPresent(r -> store.finish(r.id(), r.state() == RunState.APPLYING ? RunState.APPLYING
                    : RunState.PLANNING, "stopped: " + e.getMessage()));
            return new Result(open.map(ProductStore.Run::id).orElse(-1L), Outcome.STOPPED, Optional.ofNullable(report),
                    "stopped: " + (e instanceof EconomicException ee ? ee.summary() : e.getMessage())
                    + "; run the same command again to resume");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Result(-1, Outcome.STOPPED, Optional.ofNullable(report), "interrupted; run again to resume");
        }
    }

    // ---- planning

    private SyncReport plan(long runId, ShopSettings shop, SyncDirection direction, boolean dryRun, Progress progress)
            throws IOException, InterruptedException {
        ProductSettings settings = shop.products();
        List<Product> shopProducts = readShop(shop, progress);
        List<Product> economicProducts = readEconomic(settings, progress);
        boolean toEconomic = direction == SyncDirection.SHOP_TO_ECONOMIC;
        List<Product> source = toEconomic ? shopProducts
                : economicProducts.stream().map(Product::forShop).toList();
        List<Product> target = toEconomic ? economicProducts : shopProducts;
        SyncReport report = new SyncReport(runId, shop.id(), direction, dryRun, clock.instant(), source.size(),
                target.size());
        ProductValidator.Checked checked = ProductValidator.check(source, settings, toEconomic);
        report.invalid.addAll(checked.invalid());
        Map<String, Product> byKey = new HashMap<>();
        for (Product t : target) {
            if (t.articleNumber() != null) {
                byKey.putIfAbsent(ProductValidator.key(t.articleNumber()), t);
            }
        }
        Set<ProductField> owned = settings.ownership().ownedBy(direction.source());
        Set<ProductField> fields = toEconomic ? owned : toShop(owned);
        for (Product p : checked.valid()) {
            Product existing = byKey.get(ProductValidator.key(p.articleNumber()));
            if (existing == null) {
                report.create.add(p);
            } else if (!existing.articleNumber().equals(p.articleNumber())) {
                report.conflicts.add(new ProductProblem(ProductProblem.Code.CONFLICT_CASE, p.articleNumber(),
                        "articleNumber", existing.articleNumber(), "Article " + p.articleNumber() + ": "
                        + report.toJson().path("target").path("system").asText() + " has it as '"
                        + existing.articleNumber() + "' (other letter case); e-conomic would treat both as one"
                        + " product. Make the two numbers identical."));
            } else if (existing.vatRate() != null && existing.vatRate().compareTo(p.vatRate()) != 0) {
                report.conflicts.add(new ProductProblem(ProductProblem.Code.CONFLICT_VAT_RATE, p.articleNumber(),
                        "vat-rate", ProductValidator.plain(existing.vatRate()), "Article " + p.articleNumber()
                        + ": VAT rate " + ProductValidator.plain(p.vatRate()) + " % in " + direction.source().label()
                        + " but " + ProductValidator.plain(existing.vatRate()) + " % in the other system. Decide which"
                        + " is right and correct the other before syncing."));
            } else {
                List<Product.Change> changes = p.differences(existing, comparable(fields, existing));
                if (changes.isEmpty()) {
                    report.unchanged++;
                } else {
                    report.update.add(new SyncReport.Update(p, changes));
                }
            }
        }
        return report;
    }

    /**
     * An e-conomic product group the shop's rule has no rate for (e.g. a fee group) says nothing about the VAT
     * rate, so it is not counted as a difference to overwrite.
     */
    static Set<ProductField> comparable(Set<ProductField> fields, Product existing) {
        if (existing.vatRate() != null || !fields.contains(ProductField.VAT_RATE)) {
            return fields;
        }
        Set<ProductField> without = java.util.EnumSet.copyOf(fields);
        without.remove(ProductField.VAT_RATE);
        return without;
    }

    /** The shop's SKU has no unit the runtime can write, so a unit never counts as a difference there. */
    static Set<ProductField> toShop(Set<ProductField> fields) {
        if (!fields.contains(ProductField.UNIT)) {
            return fields;
        }
        Set<ProductField> without = java.util.EnumSet.copyOf(fields);
        without.remove(ProductField.UNIT);
        return without;
    }

    private List<Product> readShop(ShopSettings shop, Progress progress) throws IOException, InterruptedException {
        List<Product> products = new ArrayList<>();
        writes.shop().allProducts(shop, page -> page.forEach(p -> products.add(ShopProducts.fromShop(p,
                shop.products()))));
        progress.update("reading shop", products.size(), products.size());
        return products;
    }

    private List<Product> readEconomic(ProductSettings settings, Progress progress) {
        List<JsonNode> all = writes.economic().listAll("/products", null);
        progress.update("reading e-conomic", all.size(), all.size());
        economicCopies = new HashMap<>();
        List<Product> products = new ArrayList<>(all.size());
        for (JsonNode json : all) {
            Product product = EconomicProductMapper.fromEconomic(json, settings);
            products.add(product);
            if (product.articleNumber() != null) {
                economicCopies.put(product.articleNumber(), EconomicProductMapper.writable(json).toString());
            }
        }
        return products;
    }

    private List<Item> items(long runId, SyncReport report) {
        List<Item> items = new ArrayList<>();
        for (Product p : report.create) {
            items.add(new Item(runId, items.size(), p.articleNumber(), "CREATE", ItemState.PENDING, null,
                    ProductJson.toJson(p).toString(), null, null, null));
        }
        for (SyncReport.Update u : report.update) {
            String article = u.product().articleNumber();
            items.add(new Item(runId, items.size(), article, "UPDATE", ItemState.PENDING,
                    u.changes().stream().map(c -> c.field().key()).collect(Collectors.joining(",")),
                    ProductJson.toJson(u.product()).toString(), economicCopies.get(article), null, null));
        }
        return items;
    }

    private void park(ShopSettings shop, SyncReport report) {
        List<ProductProblem> problems = new ArrayList<>(report.invalid);
        problems.addAll(report.conflicts);
        for (ProductProblem p : problems) {
            if (!p.articleNumber().isEmpty()) {
                store.park(shop.id(), p.articleNumber(), p.message(), null);
            }
        }
    }

    // ---- applying

    private int apply(long runId, ShopSettings shop, SyncDirection direction, Progress progress)
            throws IOException, InterruptedException {
        ProductStore.Run run = store.run(runId).orElseThrow();
        List<Item> open = store.open(runId);
        long[] done = {run.total() - open.size()};
        Set<ProductField> owned = shop.products().ownership().ownedBy(direction.source());
        String origin = "initial-sync:" + runId;
        int failed = 0;
        if (direction == SyncDirection.SHOP_TO_ECONOMIC) {
            // e-conomic takes one product per call, so the calls overlap: the rate-limit governor, shared by the
            // threads, keeps them inside the token bucket. Progress is recorded per chunk, after its writes.
            java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(WRITERS);
            try {
                for (int from = 0; from < open.size(); from += CHUNK) {
                    List<Item> chunk = open.subList(from, Math.min(open.size(), from + CHUNK));
                    List<java.util.concurrent.Future<ProductWrites.Written>> futures = new ArrayList<>();
                    for (Item item : chunk) {
                        futures.add(pool.submit(() -> writes.toEconomic(ProductJson.parse(item.product()),
                                item.existing() == null ? Optional.empty()
                                        : Optional.of(Json.MAPPER.readTree(item.existing())),
                                owned, shop.products(), "initial-sync-" + runId + ":" + item.articleNumber())));
                    }
                    List<Integer> finished = new ArrayList<>();
                    List<ProductStore.TraceEntry> trace = new ArrayList<>();
                    RuntimeException stop = null;
                    for (int i = 0; i < chunk.size(); i++) {
                        ProductWrites.Written written;
                        try {
                            written = futures.get(i).get();
                        } catch (java.util.concurrent.ExecutionException e) {
                            stop = stop != null ? stop : e.getCause() instanceof RuntimeException r ? r
                                    : new IllegalStateException(e.getCause());
                            continue;
                        }
                        if (written.problem().isPresent()) {
                            failed++;
                            refuse(shop, runId, chunk.get(i), written.problem().get(), "e-conomic", origin);
                        } else {
                            finished.add(chunk.get(i).seq());
                            trace.add(traced(shop, written, "shop", "e-conomic", origin));
                        }
                    }
                    flush(runId, finished, trace);
                    if (stop != null) {
                        throw stop;
                    }
                    done[0] += chunk.size();
                    progress.update("writing e-conomic", done[0], run.total());
                }
            } finally {
                pool.shutdownNow();
            }
            return failed;
        }
        int batchSize = shop.products().importBatchSize();
        Map<String, List<Item>> batches = new LinkedHashMap<>();
        for (Item item : open) {
            // Items submitted before a restart stay with their job; the rest are cut into batches per action.
            String key = item.jobId() != null ? "job:" + item.jobId()
                    : item.action() + ":" + (item.seq() / batchSize);
            batches.computeIfAbsent(key, k -> new ArrayList<>()).add(item);
        }
        for (List<Item> batch : batches.values()) {
            boolean create = batch.get(0).action().equals("CREATE");
            List<Product> products = batch.stream().map(i -> ProductJson.parse(i.product())).toList();
            List<Integer> seqs = batch.stream().map(Item::seq).toList();
            Optional<List<ProductWrites.Written>> followed = batch.get(0).jobId() != null
                    ? writes.follow(shop, batch.get(0).jobId(), products, create, owned) : Optional.empty();
            // Not submitted yet, or the shop no longer knows the import: it goes again (imports match by PartNo).
            List<ProductWrites.Written> results = followed.isPresent() ? followed.get()
                    : writes.toShop(shop, products, create, owned,
                            reference -> store.mark(runId, seqs, ItemState.SUBMITTED, reference, null));
            List<Integer> finished = new ArrayList<>();
            List<ProductStore.TraceEntry> trace = new ArrayList<>();
            for (int i = 0; i < results.size(); i++) {
                ProductWrites.Written written = results.get(i);
                if (written.problem().isPresent()) {
                    failed++;
                    refuse(shop, runId, batch.get(i), written.problem().get(), "shop", origin);
                } else {
                    finished.add(batch.get(i).seq());
                    trace.add(traced(shop, written, "e-conomic", "shop", origin));
                }
            }
            flush(runId, finished, trace);
            done[0] += batch.size();
            progress.update("importing shop", done[0], run.total());
        }
        return failed;
    }

    private void flush(long runId, List<Integer> finished, List<ProductStore.TraceEntry> trace) {
        // The trace goes first: a crash in between repeats a trace line, never loses one for a finished item.
        store.trace(trace);
        store.mark(runId, finished, ItemState.DONE, null, null);
        finished.clear();
        trace.clear();
    }

    private void refuse(ShopSettings shop, long runId, Item item, ProductProblem problem, String target,
                        String origin) {
        store.park(shop.id(), item.articleNumber(), problem.message(), item.product());
        store.trace(List.of(new ProductStore.TraceEntry(shop.id(), item.articleNumber(), clock.instant(),
                target.equals("shop") ? "e-conomic" : "shop", target, "REFUSED", null, origin, problem.message())));
        store.mark(runId, List.of(item.seq()), ItemState.FAILED, null, problem.message());
    }

    private ProductStore.TraceEntry traced(ShopSettings shop, ProductWrites.Written written, String writer,
                                           String target, String origin) {
        return new ProductStore.TraceEntry(shop.id(), written.articleNumber(), clock.instant(), writer, target,
                written.created() ? "CREATED" : "UPDATED",
                written.fields().stream().map(ProductField::key).sorted().collect(Collectors.joining(",")), origin,
                null);
    }
}
