package io.jesync.shop.norce;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;

import io.jesync.config.ShopSettings;

/**
 * The tenant's lookup ids, resolved by Code through Query: {@code Core/Currencies}, {@code Core/Countries},
 * {@code Core/PaymentMethods}, the SkuType of order lines' SKUs ({@code Products/ProductSkus}) and business
 * buyers' organisation and VAT numbers ({@code Customers/Companies}). Norce says these ids differ between tenants
 * and tiers, so nothing is assumed: each table is read once, kept, re-read every {@link #MAX_AGE}, and re-read at
 * once when an order names an id the table lacks (at most once per {@link #MISS_REFRESH}, so a page of orders
 * with one bad id costs one read, not one per order). An id still unknown after that is reported, and the order
 * naming it is parked.
 */
final class NorceLookups {
    static final Duration MAX_AGE = Duration.ofHours(1);
    static final Duration MISS_REFRESH = Duration.ofMinutes(1);
    /** A company's numbers can change in Norce's admin; read again after this long. */
    static final Duration COMPANY_MAX_AGE = Duration.ofMinutes(10);
    /** PartNos per SKU query: an {@code or} chain of this many stays well inside any URL length limit. */
    static final int PART_NOS_PER_QUERY = 20;

    enum Table {
        CURRENCIES("Core/Currencies"), COUNTRIES("Core/Countries"), PAYMENT_METHODS("Core/PaymentMethods");

        final String set;

        Table(String set) {
            this.set = set;
        }
    }

    /** Customers/Companies row: what the order itself does not carry about a business buyer. */
    record Company(long id, String code, String name, String organizationNo, String vatNo) {
    }

    private record Loaded(Map<Long, String> codeById, Instant at) {
    }

    private record CompanyRead(Optional<Company> company, Instant at) {
    }

    private final NorceConnection connection;
    private final Clock clock;
    private final Map<String, Map<Table, Loaded>> tables = new ConcurrentHashMap<>();
    private final Map<String, Map<String, Integer>> skuTypes = new ConcurrentHashMap<>();
    private final Map<String, Map<Long, CompanyRead>> companies = new ConcurrentHashMap<>();

    NorceLookups(NorceConnection connection, Clock clock) {
        this.connection = connection;
        this.clock = clock;
    }

    /** The Code of {@code id} in {@code table}; empty when the tenant does not know it even after a fresh read. */
    synchronized Optional<String> code(ShopSettings shop, int applicationId, Table table, long id)
            throws IOException, InterruptedException {
        Map<Table, Loaded> ofShop = tables.computeIfAbsent(shop.id(), k -> new HashMap<>());
        Loaded loaded = ofShop.get(table);
        Instant now = clock.instant();
        if (loaded == null || loaded.at().plus(MAX_AGE).isBefore(now)
                || !loaded.codeById().containsKey(id) && loaded.at().plus(MISS_REFRESH).isBefore(now)) {
            loaded = new Loaded(readTable(shop, applicationId, table), now);
            ofShop.put(table, loaded);
        }
        return Optional.ofNullable(loaded.codeById().get(id));
    }

    private Map<Long, String> readTable(ShopSettings shop, int applicationId, Table table)
            throws IOException, InterruptedException {
        Map<Long, String> codes = new LinkedHashMap<>();
        long after = Long.MIN_VALUE;
        while (true) {
            String filter = after == Long.MIN_VALUE ? "" : "&$filter=" + encode("Id gt " + after);
            JsonNode page = connection.query(shop, applicationId, table.set + "?$select=Id,Code&$orderby=Id&$top="
                    + NorceOrderReader.PAGE_SIZE + filter, "Norce lookup " + table.set + " of shop " + shop.id());
            JsonNode rows = page.path("value");
            for (JsonNode row : rows) {
                if (row.path("Id").canConvertToLong() && row.path("Code").isTextual()) {
                    codes.put(row.path("Id").asLong(), row.path("Code").asText());
                    after = Math.max(after, row.path("Id").asLong());
                }
            }
            if (rows.size() < NorceOrderReader.PAGE_SIZE && page.path("@odata.nextLink").isMissingNode()) {
                return codes;
            }
            if (rows.isEmpty()) {
                return codes;
            }
        }
    }

    /**
     * The SkuType id ({@code TypeId}) of each PartNo the tenant has; a PartNo it does not have is missing from the
     * answer. A SKU's type does not change in practice, so answers are kept for the life of the process.
     */
    Map<String, Integer> skuTypes(ShopSettings shop, int applicationId, Collection<String> partNos)
            throws IOException, InterruptedException {
        Map<String, Integer> known = skuTypes.computeIfAbsent(shop.id(), k -> new ConcurrentHashMap<>());
        List<String> missing = partNos.stream().filter(p -> p != null && !p.isBlank() && !known.containsKey(p))
                .distinct().sorted().toList();
        for (int from = 0; from < missing.size(); from += PART_NOS_PER_QUERY) {
            List<String> chunk = missing.subList(from, Math.min(missing.size(), from + PART_NOS_PER_QUERY));
            // `in` is not known to work on Norce's Query: an `or` chain is.
            String filter = chunk.stream().map(p -> "PartNo eq '" + p.replace("'", "''") + "'")
                    .collect(Collectors.joining(" or "));
            JsonNode page = connection.query(shop, applicationId, "Products/ProductSkus?$select=PartNo,TypeId&$filter="
                    + encode(filter), "Norce SKU types [" + filter + "] of shop " + shop.id());
            for (JsonNode row : page.path("value")) {
                if (row.path("PartNo").isTextual() && row.path("TypeId").canConvertToInt()) {
                    known.put(row.path("PartNo").asText(), row.path("TypeId").asInt());
                }
            }
        }
        Map<String, Integer> answer = new HashMap<>();
        for (String partNo : partNos) {
            if (partNo != null && known.containsKey(partNo)) {
                answer.put(partNo, known.get(partNo));
            }
        }
        return answer;
    }

    /** The company row of {@code companyId}; empty when the tenant has none with that id. */
    Optional<Company> company(ShopSettings shop, int applicationId, long companyId)
            throws IOException, InterruptedException {
        Map<Long, CompanyRead> ofShop = companies.computeIfAbsent(shop.id(), k -> new ConcurrentHashMap<>());
        CompanyRead read = ofShop.get(companyId);
        Instant now = clock.instant();
        if (read != null && read.at().plus(COMPANY_MAX_AGE).isAfter(now)) {
            return read.company();
        }
        JsonNode page = connection.query(shop, applicationId, "Customers/Companies?$select="
                + "Id,Code,Name,OrganizationNo,VatNo&$filter=" + encode("Id eq " + companyId),
                "Norce company " + companyId + " of shop " + shop.id());
        Optional<Company> company = Optional.empty();
        for (JsonNode row : page.path("value")) {
            company = Optional.of(new Company(row.path("Id").asLong(), text(row, "Code"), text(row, "Name"),
                    text(row, "OrganizationNo"), text(row, "VatNo")));
        }
        ofShop.put(companyId, new CompanyRead(company, now));
        return company;
    }

    private static String text(JsonNode row, String name) {
        JsonNode value = row.path(name);
        return value.isNull() || value.isMissingNode() ? null : value.asText();
    }

    static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20").replace("%2C", ",");
    }
}
