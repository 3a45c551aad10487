package io.jesync.shop.norce;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import com.fasterxml.jackson.databind.JsonNode;

import io.jesync.config.ShopSettings;

/**
 * The tenant's price lists, code to id. Connect matches a price list by its code ({@code PriceListCode}), Query by
 * its id ({@code PriceListId}), and the ids differ per tenant and environment, so they are read from Query's
 * {@code Application/ClientPriceLists}, where the code is called {@code Agreement}. Read once per shop and again
 * after {@link #MAX_AGE}, or sooner when a code is asked for that the last read did not have.
 */
final class NorcePriceLists {
    static final String PATH = "/commerce/query/2.0/Application/ClientPriceLists";
    private static final Duration MAX_AGE = Duration.ofMinutes(15);
    private static final Duration MIN_AGE_FOR_MISS = Duration.ofMinutes(1);

    record PriceList(int id, String code, Integer currencyId, boolean primary, boolean active) {
    }

    private record Read(Instant at, Map<String, PriceList> byCode) {
    }

    private final NorceConnection connection;
    private final Clock clock;
    private final Map<String, Read> reads = new ConcurrentHashMap<>();

    NorcePriceLists(NorceConnection connection, Clock clock) {
        this.connection = connection;
        this.clock = clock;
    }

    /** The active price list with this code, if the tenant has one. */
    Optional<PriceList> byCode(ShopSettings shop, String code) throws IOException, InterruptedException {
        Read read = read(shop, false);
        PriceList list = read.byCode().get(code);
        if (list == null && read.at().plus(MIN_AGE_FOR_MISS).isBefore(clock.instant())) {
            list = read(shop, true).byCode().get(code);
        }
        return Optional.ofNullable(list).filter(PriceList::active);
    }

    /** The tenant's primary price list: where a SKU's standard price lives. */
    Optional<PriceList> primary(ShopSettings shop) throws IOException, InterruptedException {
        return read(shop, false).byCode().values().stream().filter(l -> l.primary() && l.active())
                .min(java.util.Comparator.comparingInt(PriceList::id));
    }

    private Read read(ShopSettings shop, boolean force) throws IOException, InterruptedException {
        Read read = reads.get(shop.id());
        if (!force && read != null && read.at().plus(MAX_AGE).isAfter(clock.instant())) {
            return read;
        }
        Map<String, PriceList> byCode = new LinkedHashMap<>();
        // No $select: the set is small, and its member names are not settled (the Query schema PriceListClient has
        // PriceListId and Agreement; other readings give Id and Code), so both spellings are read.
        URI next = URI.create(shop.baseUrl() + PATH);
        while (next != null) {
            URI uri = next;
            String what = "Norce Application/ClientPriceLists of shop " + shop.id();
            HttpResponse<String> response = connection.send(shop, what, token -> HttpRequest.newBuilder(uri)
                    .timeout(connection.timeout())
                    .header("applicationId", Integer.toString(shop.applicationIds().get(0)))
                    .header("Authorization", "Bearer " + token)
                    .header("Accept", "application/json")
                    .GET()
                    .build());
            JsonNode body = connection.json(response.body());
            for (JsonNode row : body.path("value")) {
                JsonNode idNode = row.hasNonNull("PriceListId") ? row.get("PriceListId") : row.path("Id");
                String code = (row.hasNonNull("Agreement") ? row.get("Agreement") : row.path("Code")).asText(null);
                if (code != null && !code.isBlank() && idNode.canConvertToInt()) {
                    byCode.put(code, new PriceList(idNode.asInt(), code,
                            row.path("CurrencyId").canConvertToInt() ? row.get("CurrencyId").asInt() : null,
                            row.path("IsPrimary").asBoolean(false), row.path("IsActive").asBoolean(true)));
                }
            }
            String link = body.path("@odata.nextLink").asText(null);
            next = link == null || link.isBlank() ? null : uri.resolve(link);
        }
        read = new Read(clock.instant(), Map.copyOf(byCode));
        reads.put(shop.id(), read);
        return read;
    }
}
