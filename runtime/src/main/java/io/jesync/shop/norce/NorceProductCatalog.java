package io.jesync.shop.norce;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.jesync.product.ProductSettings;
import io.jesync.json.Json;
import io.jesync.config.ShopSettings;
import io.jesync.economic.Sleeper;
import io.jesync.shop.ShopProduct;
import io.jesync.shop.ShopProductPort;
import io.jesync.shop.norce.NorceJobClient.JobState;
import io.jesync.shop.norce.NorceJobClient.LogEntry;
import io.jesync.shop.norce.NorcePriceLists.PriceList;

/**
 * The shop's products on Norce Commerce: SKUs read from Query 2.0's {@code Products/ProductSkus} (keyed by
 * PartNo, 500 a page) with their price on the tenant's primary price list through the {@code PriceLists}
 * navigation, and written with Connect's {@code Product/ImportProducts}, followed through the Job service.
 */
public final class NorceProductCatalog implements ShopProductPort {
    static final String SKUS_PATH = "/commerce/query/2.0/Products/ProductSkus";
    static final String SELECT = "PartNo,ErpName,StatusId,EanCode,VatRate,Created,Updated";
    static final int PAGE_SIZE = 500;
    /** PartNos per query when reading SKUs by article number: an {@code or} chain, since {@code in} is unverified. */
    static final int PARTNOS_PER_QUERY = 50;
    private static final Duration MAX_JOB_POLL = Duration.ofSeconds(10);

    private final NorceConnection connection;
    private final NorceJobClient jobs;
    private final NorcePriceLists priceLists;
    private final Sleeper sleeper;
    private final NorceJobEvents events;

    NorceProductCatalog(NorceConnection connection, NorceJobClient jobs, NorcePriceLists priceLists,
                        Sleeper sleeper, NorceJobEvents events) {
        this.events = events;
        this.connection = connection;
        this.jobs = jobs;
        this.priceLists = priceLists;
        this.sleeper = sleeper;
    }

    /**
     * Every SKU in PartNo order. Pages continue from the last PartNo seen rather than with a growing {@code $skip}:
     * deep skips on Products gave tenants 500s, and a key never skips or repeats a row when the catalogue changes
     * while it is read.
     */
    @Override
    public void allProducts(ShopSettings shop, Consumer<List<ShopProduct>> pages) throws IOException,
            InterruptedException {
        Integer priceListId = priceListId(shop);
        String after = null;
        while (true) {
            String filter = after == null ? null : "PartNo gt " + literal(after);
            Page page = page(shop, query(shop, filter, priceListId), filter);
            if (page.skus().isEmpty()) {
                return;
            }
            pages.accept(page.skus().stream().map(s -> NorceProductMapper.fromSku(s, priceListId)).toList());
            after = page.skus().get(page.skus().size() - 1).path("PartNo").asText();
            if (page.skus().size() < PAGE_SIZE && page.nextLink() == null) {
                return;
            }
        }
    }

    /** Updated is null on a SKU that was never updated, so those are found by Created. */
    @Override
    public List<ShopProduct> changedSince(ShopSettings shop, Instant since) throws IOException, InterruptedException {
        Integer priceListId = priceListId(shop);
        String t = since.truncatedTo(ChronoUnit.SECONDS).toString();
        String filter = "(Updated ge " + t + " or (Updated eq null and Created ge " + t + "))";
        URI next = query(shop, filter, priceListId);
        List<ShopProduct> products = new ArrayList<>();
        while (next != null) {
            Page page = page(shop, next, filter);
            page.skus().forEach(s -> products.add(NorceProductMapper.fromSku(s, priceListId)));
            next = page.nextLink() == null ? null : next.resolve(page.nextLink());
        }
        return products;
    }

    @Override
    public List<ShopProduct> byArticleNumbers(ShopSettings shop, List<String> articleNumbers)
            throws IOException, InterruptedException {
        Integer priceListId = priceListId(shop);
        List<ShopProduct> found = new ArrayList<>();
        for (int from = 0; from < articleNumbers.size(); from += PARTNOS_PER_QUERY) {
            StringBuilder filter = new StringBuilder();
            for (String partNo : articleNumbers.subList(from, Math.min(articleNumbers.size(), from + PARTNOS_PER_QUERY))) {
                filter.append(filter.isEmpty() ? "" : " or ").append("PartNo eq ").append(literal(partNo));
            }
            URI next = query(shop, filter.toString(), priceListId);
            while (next != null) {
                Page page = page(shop, next, filter.toString());
                page.skus().forEach(s -> found.add(NorceProductMapper.fromSku(s, priceListId)));
                next = page.nextLink() == null ? null : next.resolve(page.nextLink());
            }
        }
        return found;
    }

    /**
     * One ImportProducts job per set of fields the items carry (a header's lists apply to every item, and a
     * listed field an item lacks would be cleared); the reference names every job, joined by {@code +}.
     */
    @Override
    public String submit(ShopSettings shop, List<ShopProduct> products, boolean create, Set<ShopProduct.Field> fields)
            throws IOException, InterruptedException {
        boolean name = NorceProductMapper.carriesName(create, fields);
        Map<Set<String>, ArrayNode> groups = new LinkedHashMap<>();
        for (ShopProduct product : products) {
            Set<String> skuFields = NorceProductMapper.skuFields(product, create, fields);
            groups.computeIfAbsent(skuFields, k -> connection.mapper().createArrayNode())
                    .add(NorceProductMapper.importItem(product, create, name, skuFields, shop.flow(ProductSettings.class)));
        }
        List<String> jobIds = new ArrayList<>();
        for (Map.Entry<Set<String>, ArrayNode> group : groups.entrySet()) {
            ObjectNode header = NorceProductMapper.importHeader(create, name, group.getKey(), shop.flow(ProductSettings.class));
            jobIds.add(Long.toString(jobs.submit(shop, "Product/ImportProducts", header, group.getValue(),
                    "Norce ImportProducts of " + group.getValue().size() + " product(s) for shop " + shop.id())));
        }
        return String.join("+", jobIds);
    }

    @Override
    public Optional<ImportOutcome> follow(ShopSettings shop, String reference, List<String> articleNumbers)
            throws IOException, InterruptedException {
        Map<String, String> refused = new HashMap<>();
        for (String part : reference.split("\\+")) {
            long jobId = Long.parseLong(part.strip());
            JobState state;
            try {
                state = await(shop, jobId);
            } catch (NorceRequestException e) {
                // Unknown job only where the Job service has answered before; else the path itself is missing.
                if (e.status() == 404 && jobs.knowsJobPath(shop)) {
                    return Optional.empty();
                }
                throw e;
            }
            refused.putAll(refusals(shop, state, articleNumbers));
        }
        return Optional.of(new ImportOutcome(reference, refused));
    }

    private JobState await(ShopSettings shop, long jobId) throws IOException, InterruptedException {
        Duration wait = shop.flow(ProductSettings.class).jobPollInterval();
        events.beforeFirstPoll(shop, jobId);
        JobState state = jobs.job(shop, jobId);
        while (!state.finished()) {
            events.betweenPolls(shop, jobId, wait, sleeper);
            wait = wait.multipliedBy(2).compareTo(MAX_JOB_POLL) > 0 ? MAX_JOB_POLL : wait.multipliedBy(2);
            state = jobs.job(shop, jobId);
        }
        return state;
    }

    /** The rows the job's log names as failed; when the whole job failed, every row of it with the job's reason. */
    private Map<String, String> refusals(ShopSettings shop, JobState state, List<String> articleNumbers)
            throws IOException, InterruptedException {
        Map<String, String> refused = new HashMap<>();
        if (state.succeeded() && state.fail() == 0) {
            return refused;
        }
        String jobFailure = null;
        Set<String> inJob = new java.util.HashSet<>();
        for (LogEntry entry : jobs.log(shop, state.jobId())) {
            List<String> parts = partNos(entry.importedRow());
            inJob.addAll(parts);
            if (entry.severityId() != NorceJobClient.SEVERITY_ERROR) {
                continue;
            }
            if (parts.isEmpty()) {
                jobFailure = jobFailure == null ? entry.message() : jobFailure;
            }
            parts.forEach(part -> refused.merge(part, "Norce import job " + state.jobId() + " refused it: "
                    + entry.message(), (a, b) -> a + " " + b));
        }
        if (!state.succeeded()) {
            String reason = "Norce import job " + state.jobId() + " refused it: " + (jobFailure != null ? jobFailure
                    : "the job ended with status " + state.statusId());
            // A failed job wrote none of its rows; rows of the other jobs of the same reference are judged by theirs.
            for (String article : articleNumbers) {
                if (inJob.isEmpty() || inJob.contains(article)) {
                    refused.putIfAbsent(article, reason);
                }
            }
        }
        return refused;
    }

    /** The PartNos of an ImportedRow: a product item's SKUs, or a row's own PartNo. */
    static List<String> partNos(String importedRow) {
        List<String> parts = new ArrayList<>();
        if (importedRow == null || importedRow.isBlank()) {
            return parts;
        }
        try {
            JsonNode row = Json.MAPPER.readTree(importedRow);
            if (row.hasNonNull("PartNo")) {
                parts.add(row.get("PartNo").asText());
            }
            for (JsonNode variant : row.path("Variants")) {
                for (JsonNode sku : variant.path("Skus")) {
                    if (sku.hasNonNull("PartNo")) {
                        parts.add(sku.get("PartNo").asText());
                    }
                }
            }
        } catch (IOException notJson) {
            // A row Norce logged in another form names no article; the message still reaches the job's failure.
        }
        return parts;
    }

    private Integer priceListId(ShopSettings shop) throws IOException, InterruptedException {
        return priceLists.primary(shop).map(PriceList::id).orElse(null);
    }

    private record Page(List<JsonNode> skus, String nextLink) {
    }

    private Page page(ShopSettings shop, URI uri, String filter) throws IOException, InterruptedException {
        String what = "Norce Products/ProductSkus query [" + (filter == null ? "all" : filter) + "] of shop "
                + shop.id();
        HttpResponse<String> response = connection.send(shop, what, token -> HttpRequest.newBuilder(uri)
                .timeout(connection.timeout())
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
        return new Page(skus, next == null || next.isBlank() ? null : next);
    }

    /** The SKU query: documented fields only, and the one price row the sales price is read from. */
    static URI query(ShopSettings shop, String filter, Integer priceListId) {
        StringBuilder uri = new StringBuilder(shop.baseUrl().toString()).append(SKUS_PATH).append("?$select=").append(SELECT);
        if (priceListId != null) {
            uri.append("&$expand=").append(encode("PriceLists($filter=PriceListId eq " + priceListId
                    + " and QtyBreak eq 1;$select=PriceListId,QtyBreak,PriceSale,IsActive)"));
        }
        if (filter != null) {
            uri.append("&$filter=").append(encode(filter));
        }
        return URI.create(uri.append("&$orderby=PartNo&$top=").append(PAGE_SIZE).toString());
    }

    private static String literal(String text) {
        return "'" + text.replace("'", "''") + "'";
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20").replace("%2C", ",");
    }
}
