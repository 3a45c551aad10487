package io.jesync.shop.norce;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.jesync.config.ShopSettings;
import io.jesync.economic.Sleeper;
import io.jesync.stock.ShopCatalogPort;
import io.jesync.stock.ShopStock;

/**
 * Stock and prices into Norce Commerce through Connect's asynchronous imports (§2.3, §4.4, §4.5): one
 * {@code ImportOnhands} or {@code ImportSkuPriceLists} per batch, then {@code Job/Get} until the job ends and
 * {@code Job/GetLog} for the rows it refused, matched to their articles through the row each log entry carries.
 * Customers' price lists go the same way through {@code Customer/ImportCustomers}.
 */
public final class NorceCatalogWriter implements ShopCatalogPort {
    private static final String CONNECT = "/commerce/connect/4.0/";
    /** Job status ids (§2.3): 2 Succeeded, 3 Failed, 4 Validation failed. */
    private static final int SUCCEEDED = 2;
    private static final int SEVERITY_WARN = 2;
    /** Polls of one job before its outcome counts as unknown; the values then go again with the next cycle. */
    private static final int MAX_POLLS = 60;
    /** A poll answered with 5xx/429 is tried again this many times in a row before the import counts as failed. */
    private static final int MAX_POLL_FAILURES = 5;

    private final NorceConnection connection;
    private final Sleeper sleeper;
    private final AtomicLong jobs = new AtomicLong();

    public NorceCatalogWriter(NorceConnection connection, Sleeper sleeper) {
        this.connection = connection;
        this.sleeper = sleeper;
    }

    /** Import jobs started since creation; the benchmark reports them per day. */
    public long jobsStarted() {
        return jobs.get();
    }

    @Override
    public Outcome setStock(ShopSettings shop, List<StockRow> rows) throws IOException, InterruptedException {
        ArrayNode body = connection.mapper().createArrayNode();
        boolean leadTimes = rows.stream().anyMatch(r -> r.stock().leadTimeDays() != null);
        for (StockRow row : rows) {
            ShopStock stock = row.stock();
            ObjectNode item = body.addObject();
            item.put("PartNo", row.articleNo());
            item.put("WarehouseCode", shop.stockPrices().warehouseCode());
            item.put("LocationCode", shop.stockPrices().locationCode());
            item.put("OnhandValue", stock.onhand());
            item.put("IncomingValue", stock.incoming());
            if (stock.leadTimeDays() != null) {
                item.put("LeadTimeDayCount", stock.leadTimeDays());
            }
            item.put("IsActive", true);
        }
        ObjectNode header = header(shop);
        ArrayNode fields = header.putArray("SkuOnhandFieldsThatAreSet");
        fields.add("OnhandValue").add("IncomingValue").add("IsActive");
        if (leadTimes) {
            fields.add("LeadTimeDayCount");
        }
        return run(shop, "Product/ImportOnhands", header, body, "the stock of " + rows.size() + " articles",
                row -> row.path("PartNo").asText());
    }

    @Override
    public Outcome setPrices(ShopSettings shop, List<PriceRow> rows) throws IOException, InterruptedException {
        ArrayNode body = connection.mapper().createArrayNode();
        for (PriceRow row : rows) {
            ObjectNode item = body.addObject();
            item.put("PartNo", row.articleNo());
            item.put("PriceListCode", row.priceListCode());
            item.put("QuantityBreak", 1);
            if (row.currency() != null) {
                item.put("CurrencyCode", row.currency());
            }
            if (row.price() != null) {
                item.put("PriceSale", row.price());
            }
            item.put("IsActive", row.price() != null);
        }
        ObjectNode header = header(shop);
        header.putArray("SkuPriceListFieldsThatAreSet").add("PriceSale").add("IsActive");
        return run(shop, "Product/ImportSkuPriceLists", header, body, "the prices of " + rows.size() + " rows",
                row -> row.path("PriceListCode").asText() + "/" + row.path("PartNo").asText());
    }

    /**
     * Customer/ImportCustomers with the customer's Code and PriceLists only (CustomerHeader: CustomerFieldsThatAreSet
     * PriceLists, and SearchOnlyByCode so Norce matches the customer by code and by nothing else).
     */
    @Override
    public Outcome setCustomerPriceLists(ShopSettings shop, List<CustomerPriceListsRow> rows)
            throws IOException, InterruptedException {
        ArrayNode body = connection.mapper().createArrayNode();
        for (CustomerPriceListsRow row : rows) {
            ObjectNode item = body.addObject();
            item.put("Code", row.customerCode());
            ArrayNode lists = item.putArray("PriceLists");
            for (String code : row.priceListCodes()) {
                lists.addObject().put("Code", code).put("IsExclusive", false);
            }
        }
        ObjectNode header = header(shop);
        header.putArray("CustomerFieldsThatAreSet").add("PriceLists").add("SearchOnlyByCode");
        return run(shop, "Customer/ImportCustomers", header, body, "the price lists of " + rows.size() + " customers",
                row -> row.path("Code").asText());
    }

    private ObjectNode header(ShopSettings shop) {
        ObjectNode header = connection.mapper().createObjectNode();
        header.put("AccountId", shop.stockPrices().connectAccountId());
        header.put("FullFile", false);
        return header;
    }

    private Outcome run(ShopSettings shop, String operation, ObjectNode header, ArrayNode body, String what,
                        java.util.function.Function<JsonNode, String> rowKey) throws IOException, InterruptedException {
        String description = operation + " of " + what + " in shop " + shop.id();
        URI uri = URI.create(shop.baseUrl() + CONNECT + operation);
        String json = body.toString();
        String headerJson = header.toString();
        HttpResponse<String> response = connection.send(shop, description, token -> HttpRequest.newBuilder(uri)
                .timeout(NorceConnection.TIMEOUT)
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                .header("Accept", "application/json")
                .header("X-StormConnect-Header", headerJson)
                .POST(HttpRequest.BodyPublishers.ofString(json))
                .build());
        jobs.incrementAndGet();
        JsonNode answer = connection.json(response.body());
        if (!answer.path("JobId").canConvertToInt()) {
            throw new NorceRequestException(description + " started no job: " + answer, response.statusCode());
        }
        int jobId = answer.path("JobId").asInt();
        JsonNode job = follow(shop, jobId, description);
        if (job.path("StatusId").asInt() != SUCCEEDED) {
            // A failed job changed nothing; the rows stay queued and go again.
            throw new NorceUnavailableException(description + ": job " + jobId + " ended with status "
                    + job.path("StatusId").asInt(), 0, null, null);
        }
        Map<String, String> problems = new LinkedHashMap<>();
        // Unknown SKUs are only warned about and counted nowhere, so the log is read for every job, not only on Fail.
        for (JsonNode entry : get(shop, "Job/GetLog?id=" + jobId, description + ": log of job " + jobId)) {
            if (entry.path("SeverityId").asInt() < SEVERITY_WARN || !entry.hasNonNull("ImportedRow")) {
                continue;
            }
            JsonNode row;
            try {
                row = connection.json(entry.get("ImportedRow").asText());
            } catch (IOException notJson) {
                continue;
            }
            problems.merge(rowKey.apply(row), "Norce job " + jobId + ": " + entry.path("Message").asText(),
                    (a, b) -> a + "; " + b);
        }
        return new Outcome("job " + jobId, problems);
    }

    /** Polls the job to its end; a poll the server failed is tried again after a pause. */
    private JsonNode follow(ShopSettings shop, int jobId, String description) throws IOException, InterruptedException {
        int failures = 0;
        for (int poll = 0; poll < MAX_POLLS; poll++) {
            JsonNode job;
            try {
                job = get(shop, "Job/Get?id=" + jobId, description + ": job " + jobId);
                failures = 0;
            } catch (NorceUnavailableException e) {
                if (++failures > MAX_POLL_FAILURES) {
                    throw e;
                }
                sleeper.sleep(pause(poll));
                continue;
            }
            if (job.path("IsFinished").asBoolean(false)) {
                return job;
            }
            sleeper.sleep(pause(poll));
        }
        throw new NorceUnavailableException(description + ": job " + jobId + " did not finish after " + MAX_POLLS
                + " polls", 0, null, null);
    }

    /** Short pauses first (small imports finish in seconds), then at most five seconds. */
    private static Duration pause(int poll) {
        return Duration.ofMillis(Math.min(5_000, 250L << Math.min(poll, 5)));
    }

    private JsonNode get(ShopSettings shop, String pathAndQuery, String what) throws IOException, InterruptedException {
        URI uri = URI.create(shop.baseUrl() + CONNECT + pathAndQuery);
        HttpResponse<String> response = connection.send(shop, what, token -> HttpRequest.newBuilder(uri)
                .timeout(NorceConnection.TIMEOUT)
                .header("Authorization", "Bearer " + token)
                .header("Accept", "application/json")
                .GET()
                .build());
        return connection.json(response.body());
    }
}
