package io.jesync.shop.norce;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;

import io.jesync.config.ShopSettings;

/**
 * Reads a tenant's own lists from Query 2.0: the {@code $metadata} of a service, and lookup sets such as
 * {@code Core/Currencies} or {@code Application/ClientPriceLists} as (Id, Code) rows. Ids differ per tenant and per
 * environment (evidence S15: "Use Code if hard coding is required"), so settings name codes and these lists say which
 * id each code has on this tenant. The sets are small; each is read whole, following {@code @odata.nextLink}.
 */
public final class NorceTenantCodes {
    static final String QUERY = "/commerce/query/2.0/";

    /** One row of a lookup set; {@code code} is null where the set has none (e.g. applications). */
    public record Entry(long id, String code) {
    }

    private final NorceConnection connection;

    public NorceTenantCodes(NorceConnection connection) {
        this.connection = connection;
    }

    /** The CSDL document of one Query service ({@code Orders}, {@code Core}, ...). */
    public NorceQueryMetadata metadata(ShopSettings shop, String service) throws IOException, InterruptedException {
        URI uri = URI.create(shop.baseUrl() + QUERY + service + "/$metadata");
        HttpResponse<String> response = connection.send(shop, "Norce " + service + "/$metadata of shop " + shop.id(),
                token -> request(shop, uri, token, "application/xml"));
        return NorceQueryMetadata.parse(response.body());
    }

    /** Every row of {@code service/entitySet} as (Id, Code). */
    public List<Entry> entries(ShopSettings shop, String service, String entitySet)
            throws IOException, InterruptedException {
        URI first = URI.create(shop.baseUrl() + QUERY + service + "/" + entitySet);
        String what = "Norce " + service + "/" + entitySet + " of shop " + shop.id();
        List<Entry> entries = new ArrayList<>();
        URI next = first;
        while (next != null) {
            URI uri = next;
            HttpResponse<String> response = connection.send(shop, what,
                    token -> request(shop, uri, token, "application/json"));
            JsonNode body = connection.json(response.body());
            JsonNode value = body.path("value");
            if (!value.isArray()) {
                throw new NorceUnavailableException(what + " answered without a \"value\" list", response.statusCode(),
                        null, null);
            }
            for (JsonNode row : value) {
                // Price lists show their id and code as PriceListId and Agreement (Query's PriceListClient); the
                // Core sets as Id and Code.
                JsonNode id = row.has("Id") ? row.path("Id") : row.path("PriceListId");
                JsonNode code = row.has("Code") ? row.path("Code") : row.path("Agreement");
                entries.add(new Entry(id.asLong(), code.isTextual() ? code.asText() : null));
            }
            next = nextLink(first, body.path("@odata.nextLink").asText(null), what);
        }
        return entries;
    }

    /** The id {@code code} has on this tenant, matched exactly as Norce spells it. */
    public static Optional<Long> idOf(List<Entry> entries, String code) {
        return entries.stream().filter(e -> code.equals(e.code())).map(Entry::id).findFirst();
    }

    /** The bearer token only ever goes to the configured host: a next link elsewhere is refused. */
    private static URI nextLink(URI first, String link, String what) throws NorceRequestException {
        if (link == null || link.isBlank()) {
            return null;
        }
        URI next = first.resolve(link);
        if (!java.util.Objects.equals(next.getAuthority(), first.getAuthority())) {
            throw new NorceRequestException(what + " pointed its next page at another host (" + next.getAuthority()
                    + ")", 0);
        }
        return next;
    }

    private HttpRequest request(ShopSettings shop, URI uri, String token, String accept) {
        return HttpRequest.newBuilder(uri)
                .timeout(connection.timeout())
                // Core and Application sets are tenant-wide; the header only gives Query its context.
                .header("applicationId", Integer.toString(shop.applicationIds().get(0)))
                .header("Authorization", "Bearer " + token)
                .header("Accept", accept)
                .GET()
                .build();
    }
}
