package io.jesync.shop.norce;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.jesync.stock.StockPriceSettings;
import io.jesync.backoff.Backoff;
import io.jesync.config.ShopSettings;
import io.jesync.economic.Sleeper;
import io.jesync.shop.ShopCatalogPort;
import io.jesync.shop.ShopStock;
import io.jesync.shop.norce.NorceJobClient.JobState;
import io.jesync.shop.norce.NorceJobClient.LogEntry;

/**
 * Stock and prices into Norce Commerce through Connect's asynchronous imports: one {@code Product/ImportOnhands}
 * or {@code Product/ImportSkuPriceLists} per batch, followed through the Job service until the job ends, and its
 * log read for the rows it refused, matched to their articles through the row each log entry carries. Customers'
 * price lists go the same way through {@code Customer/ImportCustomers}.
 * <p>
 * Every field a header lists is written, from the row or as empty when the row lacks it, so each header lists
 * exactly the fields its rows carry; rows that carry different fields go in separate jobs. Price lists are checked
 * against the tenant first, because Norce silently ignores a row for a price list it does not have.
 */
public final class NorceCatalogWriter implements ShopCatalogPort {
    /** Polls of one job before its outcome counts as unknown; the values then go again with the next cycle. */
    private static final int MAX_POLLS = 60;
    /** Short pauses first (small imports finish in seconds), then at most five seconds; nobody else polls our job. */
    private static final Backoff JOB_POLLS = new Backoff(Duration.ofMillis(250), Duration.ofSeconds(5),
            Backoff.Jitter.NONE);
    /** A poll answered with 5xx/429 is tried again this many times in a row before the import counts as failed. */
    private static final int MAX_POLL_FAILURES = 5;

    private final NorceConnection connection;
    private final NorceJobClient jobs;
    private final NorcePriceLists priceLists;
    private final Sleeper sleeper;
    private final NorceJobEvents events;
    private final AtomicLong started = new AtomicLong();

    NorceCatalogWriter(NorceConnection connection, NorceJobClient jobs, NorcePriceLists priceLists, Sleeper sleeper,
                       NorceJobEvents events) {
        this.events = events;
        this.connection = connection;
        this.jobs = jobs;
        this.priceLists = priceLists;
        this.sleeper = sleeper;
    }

    /** Import jobs started since creation; the benchmark reports them per day. */
    public long jobsStarted() {
        return started.get();
    }

    @Override
    public Outcome setStock(ShopSettings shop, List<StockRow> rows) throws IOException, InterruptedException {
        ArrayNode body = connection.mapper().createArrayNode();
        boolean leadTimes = rows.stream().anyMatch(r -> r.stock().leadTimeDays() != null);
        for (StockRow row : rows) {
            ShopStock stock = row.stock();
            ObjectNode item = body.addObject();
            item.put("PartNo", row.articleNo());
            item.put("WarehouseCode", shop.flow(StockPriceSettings.class).warehouseCode());
            item.put("LocationCode", shop.flow(StockPriceSettings.class).locationCode());
            item.put("OnhandValue", stock.onhand());
            item.put("IncomingValue", stock.incoming());
            if (leadTimes) {
                // Listed for the batch, so written for every row: an article without a lead time gets none.
                item.put("LeadTimeDayCount", stock.leadTimeDays());
            }
            item.put("IsActive", true);
        }
        ObjectNode header = NorceJobClient.header(connection, shop.flow(StockPriceSettings.class).connectAccountId(), true);
        ArrayNode fields = header.putArray("SkuOnhandFieldsThatAreSet");
        fields.add("OnhandValue").add("IncomingValue").add("IsActive");
        if (leadTimes) {
            fields.add("LeadTimeDayCount");
        }
        return run(shop, "Product/ImportOnhands", header, body, "the stock of " + rows.size() + " articles",
                row -> row.path("PartNo").asText());
    }

    /**
     * Prices go as {@code PriceSale} with {@code IsActive}; a row without a price switches the SKU's price off
     * with {@code IsActive} alone, in its own job, because Norce ignores a null or zero {@code PriceSale} rather
     * than clearing it (and a zero price is refused here for the same reason). A row for a price list the tenant
     * does not have is refused here too, naming the code.
     */
    @Override
    public Outcome setPrices(ShopSettings shop, List<PriceRow> rows) throws IOException, InterruptedException {
        Map<String, String> problems = new LinkedHashMap<>();
        List<PriceRow> priced = new ArrayList<>();
        List<PriceRow> switchedOff = new ArrayList<>();
        Map<String, Boolean> known = new LinkedHashMap<>();
        for (PriceRow row : rows) {
            boolean exists = known.containsKey(row.priceListCode()) ? known.get(row.priceListCode())
                    : priceLists.byCode(shop, row.priceListCode()).isPresent();
            known.put(row.priceListCode(), exists);
            if (!exists) {
                problems.put(row.key(), "Price list '" + row.priceListCode() + "' does not exist in Norce (no"
                        + " active Agreement '" + row.priceListCode() + "' in Application/ClientPriceLists): create it"
                        + " in Norce or correct shop." + shop.id() + ".prices.lists");
            } else if (row.price() == null) {
                switchedOff.add(row);
            } else if (row.price().signum() == 0) {
                problems.put(row.key(), "A price of 0 cannot be written to Norce: ImportSkuPriceLists ignores a"
                        + " PriceSale of 0 and keeps the current price. Give the article a price or remove it from"
                        + " price list " + row.priceListCode());
            } else {
                priced.add(row);
            }
        }
        List<String> references = new ArrayList<>();
        if (!priced.isEmpty()) {
            Outcome outcome = prices(shop, priced, true);
            references.add(outcome.reference());
            problems.putAll(outcome.rowProblems());
        }
        if (!switchedOff.isEmpty()) {
            Outcome outcome = prices(shop, switchedOff, false);
            references.add(outcome.reference());
            problems.putAll(outcome.rowProblems());
        }
        return new Outcome(references.isEmpty() ? "no job" : String.join("+", references), problems);
    }

    private Outcome prices(ShopSettings shop, List<PriceRow> rows, boolean withPrice)
            throws IOException, InterruptedException {
        ArrayNode body = connection.mapper().createArrayNode();
        for (PriceRow row : rows) {
            ObjectNode item = body.addObject();
            item.put("PartNo", row.articleNo());
            item.put("PriceListCode", row.priceListCode());
            item.put("QuantityBreak", 1);
            if (row.currency() != null) {
                item.put("CurrencyCode", row.currency());
            }
            if (withPrice) {
                item.put("PriceSale", row.price());
            }
            item.put("IsActive", withPrice);
        }
        ObjectNode header = NorceJobClient.header(connection, shop.flow(StockPriceSettings.class).connectAccountId(), true);
        ArrayNode fields = header.putArray("SkuPriceListFieldsThatAreSet");
        if (withPrice) {
            fields.add("PriceSale");
        }
        fields.add("IsActive");
        return run(shop, "Product/ImportSkuPriceLists", header, body, (withPrice ? "the prices of " : "switching off ")
                + rows.size() + " rows", row -> row.path("PriceListCode").asText() + "/" + row.path("PartNo").asText());
    }

    /**
     * Customer/ImportCustomers with the customer's Code and PriceLists only (CustomerFieldsThatAreSet PriceLists,
     * and SearchOnlyByCode so Norce matches the customer by code and by nothing else). CustomerHeader has no
     * FullFile.
     */
    @Override
    public Outcome setCustomerPriceLists(ShopSettings shop, List<CustomerPriceListsRow> rows)
            throws IOException, InterruptedException {
        Map<String, String> problems = new LinkedHashMap<>();
        ArrayNode body = connection.mapper().createArrayNode();
        rows:
        for (CustomerPriceListsRow row : rows) {
            for (String code : row.priceListCodes()) {
                if (priceLists.byCode(shop, code).isEmpty()) {
                    problems.put(row.customerCode(), "Price list '" + code + "' of customer " + row.customerCode()
                            + " does not exist in Norce (no active Agreement '" + code + "' in"
                            + " Application/ClientPriceLists)");
                    continue rows;
                }
            }
            ObjectNode item = body.addObject();
            item.put("Code", row.customerCode());
            ArrayNode lists = item.putArray("PriceLists");
            for (String code : row.priceListCodes()) {
                lists.addObject().put("Code", code).put("IsExclusive", false);
            }
        }
        if (body.isEmpty()) {
            return new Outcome("no job", problems);
        }
        ObjectNode header = NorceJobClient.header(connection, shop.flow(StockPriceSettings.class).connectAccountId(), false);
        header.putArray("CustomerFieldsThatAreSet").add("PriceLists").add("SearchOnlyByCode");
        Outcome outcome = run(shop, "Customer/ImportCustomers", header, body, "the price lists of " + body.size()
                + " customers", row -> row.path("Code").asText());
        problems.putAll(outcome.rowProblems());
        return new Outcome(outcome.reference(), problems);
    }

    private Outcome run(ShopSettings shop, String operation, ObjectNode header, ArrayNode body, String what,
                        Function<JsonNode, String> rowKey) throws IOException, InterruptedException {
        String description = operation + " of " + what + " in shop " + shop.id();
        long jobId = jobs.submit(shop, operation, header, body, description);
        started.incrementAndGet();
        JobState job = follow(shop, jobId, description);
        if (!job.succeeded()) {
            // A failed job changed nothing; the rows stay queued and go again.
            throw new NorceUnavailableException(description + ": job " + jobId + " ended with status "
                    + job.statusId(), 0, null, null);
        }
        Map<String, String> problems = new LinkedHashMap<>();
        // Unknown SKUs are only warned about and counted nowhere, so the log is read for every job, not only on Fail.
        for (LogEntry entry : jobs.log(shop, jobId)) {
            if (entry.severityId() < NorceJobClient.SEVERITY_WARNING || entry.importedRow() == null) {
                continue;
            }
            Optional<JsonNode> row = parse(entry.importedRow());
            row.ifPresent(r -> problems.merge(rowKey.apply(r), "Norce job " + jobId + ": " + entry.message(),
                    (a, b) -> a + "; " + b));
        }
        return new Outcome("job " + jobId, problems);
    }

    private Optional<JsonNode> parse(String importedRow) {
        try {
            return Optional.of(connection.json(importedRow));
        } catch (IOException notJson) {
            return Optional.empty();
        }
    }

    /** Polls the job to its end; a poll the server failed is tried again after a pause. */
    private JobState follow(ShopSettings shop, long jobId, String description) throws IOException,
            InterruptedException {
        int failures = 0;
        events.beforeFirstPoll(shop, jobId);
        for (int poll = 0; poll < MAX_POLLS; poll++) {
            JobState job;
            try {
                job = jobs.job(shop, jobId);
                failures = 0;
            } catch (NorceUnavailableException e) {
                if (++failures > MAX_POLL_FAILURES) {
                    throw e;
                }
                sleeper.sleep(pause(poll));
                continue;
            }
            if (job.finished()) {
                return job;
            }
            events.betweenPolls(shop, jobId, pause(poll), sleeper);
        }
        throw new NorceUnavailableException(description + ": job " + jobId + " did not finish after " + MAX_POLLS
                + " polls", 0, null, null);
    }

    private static Duration pause(int poll) {
        return JOB_POLLS.ceiling(poll + 1);
    }
}
