package io.jesync.shop.norce;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.jesync.config.ShopSettings;

/**
 * The shop's products: SKUs read from Query 2.0 ({@code /Products/Skus}, 500 a page) and written with Connect's
 * asynchronous {@code Product/ImportProducts}, followed through {@code Job/Get} and {@code Job/GetLog} (§2.3).
 */
public final class NorceProductCatalog {
    static final String SKUS_PATH = "/commerce/query/2.0/Products/Skus";
    static final String CONNECT = "/commerce/connect/4.0";
    static final int PAGE_SIZE = 500;

    /** Job/Get's answer: Norce's JobStatus ids 1 Initialized, 2 Succeeded, 3 Failed, 4 Validation failed, 5, 6. */
    public record JobState(long jobId, int statusId, boolean finished, int inserts, int updates, int fail) {
        public boolean succeeded() {
            return statusId == 2;
        }
    }

    /** One Job/GetLog row; {@code importedRow} is the row as imported (JSON text) when Norce names one. */
    public record JobLogEntry(int severityId, String message, String importedRow) {
        public boolean error() {
            return severityId == 3;
        }
    }

    private final NorceConnection connection;

    public NorceProductCatalog(NorceConnection connection) {
        this.connection = connection;
    }

    /**
     * Every SKU, page by page in Id order. Pages continue from the last Id seen rather than with a growing
     * {@code $skip}: deep skips on Products gave tenants 500s (reference §2.6), and a key never skips or repeats
     * a row when the catalogue changes while it is read.
     */
    public void allSkus(ShopSettings shop, Consumer<List<JsonNode>> pages) throws IOException, InterruptedException {
        long after = 0;
        while (true) {
            String filter = "Id gt " + after;
            List<JsonNode> page = page(shop, query(shop, filter, "Id"), filter).skus();
            if (page.isEmpty()) {
                return;
            }
            pages.accept(page);
            after = page.get(page.size() - 1).path("Id").asLong();
            if (page.size() < PAGE_SIZE) {
                return;
            }
        }
    }

    /** SKUs changed at or after {@code since}, in Updated order, following Norce's next links. */
    public List<JsonNode> skusUpdatedSince(ShopSettings shop, Instant since) throws IOException, InterruptedException {
        String filter = "Updated ge " + since.truncatedTo(ChronoUnit.SECONDS);
        URI first = query(shop, filter, "Updated,Id");
        List<JsonNode> skus = new ArrayList<>();
        URI next = first;
        while (next != null) {
            SkuPage page = page(shop, next, filter);
            skus.addAll(page.skus());
            next = page.nextLink() == null ? null : first.resolve(page.nextLink());
        }
        return skus;
    }

    /** The SKUs with these PartNos (at most a page's worth), one query. */
    public List<JsonNode> skusByPartNo(ShopSettings shop, List<String> partNos) throws IOException, InterruptedException {
        if (partNos.isEmpty()) {
            return List.of();
        }
        StringBuilder filter = new StringBuilder("PartNo in (");
        for (int i = 0; i < partNos.size(); i++) {
            filter.append(i == 0 ? "" : ",").append('\'').append(partNos.get(i).replace("'", "''")).append('\'');
        }
        filter.append(')');
        return page(shop, query(shop, filter.toString(), "Id"), filter.toString()).skus();
    }

    /** Queues an import job; returns its id. */
    public long importProducts(ShopSettings shop, ObjectNode header, ArrayNode items)
            throws IOException, InterruptedException {
        String what = "Norce ImportProducts of " + items.size() + " product(s) for shop " + shop.id();
        URI uri = URI.create(shop.baseUrl() + CONNECT + "/Product/ImportProducts");
        String body = items.toString();
        HttpResponse<String> response = connection.send(shop, what, token -> HttpRequest.newBuilder(uri)
                .timeout(NorceConnection.TIMEOUT)
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                .header("Accept", "application/json")
                .header("X-StormConnect-Header", header.toString())
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build());
        JsonNode answer = connection.json(response.body());
        if ("Failed".equalsIgnoreCase(answer.path("StatusCode").asText()) || !answer.hasNonNull("JobId")) {
            throw new NorceRequestException(what + " was refused: " + answer.path("Description").asText(""),
                    response.statusCode());
        }
        return answer.path("JobId").asLong();
    }

    public JobState job(ShopSettings shop, long jobId) throws IOException, InterruptedException {
        JsonNode job = get(shop, CONNECT + "/Job/Get?id=" + jobId, "Norce Job/Get " + jobId + " of shop " + shop.id());
        return new JobState(jobId, job.path("StatusId").asInt(), job.path("IsFinished").asBoolean(false),
                job.path("Inserts").asInt(), job.path("Updates").asInt(), job.path("Fail").asInt());
    }

    public List<JobLogEntry> jobLog(ShopSettings shop, long jobId) throws IOException, InterruptedException {
        JsonNode log = get(shop, CONNECT + "/Job/GetLog?id=" + jobId,
                "Norce Job/GetLog " + jobId + " of shop " + shop.id());
        List<JobLogEntry> entries = new ArrayList<>();
        for (JsonNode row : log) {
            entries.add(new JobLogEntry(row.path("SeverityId").asInt(), row.path("Message").asText(""),
                    row.path("ImportedRow").asText(null)));
        }
        return entries;
    }

    private JsonNode get(ShopSettings shop, String pathAndQuery, String what) throws IOException, InterruptedException {
        URI uri = URI.create(shop.baseUrl() + pathAndQuery);
        HttpResponse<String> response = connection.send(shop, what, token -> HttpRequest.newBuilder(uri)
                .timeout(NorceConnection.TIMEOUT)
                .header("Authorization", "Bearer " + token)
                .header("Accept", "application/json")
                .GET()
                .build());
        return connection.json(response.body());
    }

    private record SkuPage(List<JsonNode> skus, String nextLink) {
    }

    private SkuPage page(ShopSettings shop, URI uri, String filter) throws IOException, InterruptedException {
        String what = "Norce SKU query [" + filter + "] of shop " + shop.id();
        HttpResponse<String> response = connection.send(shop, what, token -> HttpRequest.newBuilder(uri)
                .timeout(NorceConnection.TIMEOUT)
                .header("applicationId", Integer.toString(shop.applicationIds().get(0)))
                .header("Authorization", "Bearer " + token)
                .header("Accept", "application/json")
                .GET()
                .build());
        JsonNode body;
        try {
            body = connection.json(response.body());
        } catch (IOException e) {
            throw new NorceUnavailableException(what + " answered a page that is not JSON", response.statusCode(),
                    null, e);
        }
        JsonNode value = body == null ? null : body.get("value");
        if (value == null || !value.isArray()) {
            throw new NorceUnavailableException(what + " answered JSON without a \"value\" array",
                    response.statusCode(), null, null);
        }
        List<JsonNode> skus = new ArrayList<>(value.size());
        value.forEach(skus::add);
        String next = body.path("@odata.nextLink").asText(null);
        return new SkuPage(skus, next == null || next.isBlank() ? null : next);
    }

    private static URI query(ShopSettings shop, String filter, String orderBy) {
        return URI.create(shop.baseUrl() + SKUS_PATH + "?$filter=" + encode(filter) + "&$orderby=" + encode(orderBy)
                + "&$top=" + PAGE_SIZE);
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20").replace("%2C", ",");
    }
}
