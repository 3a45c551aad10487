package io.jesync.shop.norce;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Optional;

import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.jesync.json.Json;
import io.jesync.config.RuntimeSettings;
import io.jesync.config.ShopSettings;
import io.jesync.shop.ShopPlatforms;

/**
 * Norce's {@code JobCompletedEvent} webhook, one path per shop that configured {@code shop.<id>.job-webhook-token}
 * (docs/norce-adapter.md, "Import jobs"). The event carries {@code ClientId}, {@code ApplicationId}, {@code JobId} and
 * {@code StatusId}; it only ends the wait of whoever follows that job, which then reads the job with {@code Job/Get}
 * as before, so nothing in the request is trusted beyond "look at job N now". Norce retries an event answered with a
 * 5xx, so only a request this route cannot take for a passing reason gets one; a wrong token or a malformed body is
 * refused for good.
 */
public class NorceJobWebhookRoutes extends RouteBuilder {
    private static final Logger LOG = LoggerFactory.getLogger(NorceJobWebhookRoutes.class);
    private static final ObjectMapper JSON = Json.MAPPER;

    /** Where a shop's tenant posts its job events; the admin guard lets these paths through to this route. */
    public static String path(ShopSettings shop) {
        return "/api/shops/" + shop.id() + "/norce/job-completed";
    }

    @Override
    public void configure() {
        RuntimeSettings settings = getContext().getRegistry().lookupByNameAndType("runtimeSettings",
                RuntimeSettings.class);
        for (ShopSettings shop : settings.shops()) {
            if (shop.platform() != ShopSettings.Platform.NORCE || !NorceJobEvents.sendsEvents(shop)) {
                continue;
            }
            byte[] expected = shop.jobWebhookToken().orElseThrow().reveal().getBytes(StandardCharsets.UTF_8);
            from("platform-http:" + path(shop) + "?httpMethodRestrict=POST")
                    .routeId("norce-job-webhook-" + shop.id())
                    .process(exchange -> receive(exchange, shop, expected));
        }
    }

    private void receive(Exchange exchange, ShopSettings shop, byte[] expected) {
        String given = Optional.ofNullable(exchange.getMessage().getHeader("X-Jesync-Webhook-Token", String.class))
                .orElse(exchange.getMessage().getHeader("token", "", String.class));
        String body = exchange.getMessage().getBody(String.class);
        // The token may have come in the query; nothing of the request is kept on the exchange, so tracing cannot show it.
        exchange.getMessage().getHeaders().clear();
        if (!MessageDigest.isEqual(expected, given.getBytes(StandardCharsets.UTF_8))) {
            answer(exchange, 401, "");
            return;
        }
        JsonNode event;
        try {
            event = JSON.readTree(body == null ? "" : body);
        } catch (Exception notJson) {
            event = null;
        }
        if (event == null || !event.path("JobId").canConvertToLong() || !event.path("JobId").isIntegralNumber()
                || !event.path("StatusId").isInt()) {
            LOG.warn("Norce job event for shop {} refused: the body is not a JobCompletedEvent with JobId and StatusId",
                    shop.id());
            answer(exchange, 400, "expected a JobCompletedEvent: {\"ClientId\":…,\"JobId\":…,\"StatusId\":…}");
            return;
        }
        ShopPlatforms platforms = exchange.getContext().getRegistry().lookupByNameAndType("shopPlatforms",
                ShopPlatforms.class);
        ((NorcePlatform.Adapter) platforms.of(shop)).jobEvents().arrived(event.get("JobId").asLong(),
                event.get("StatusId").asInt());
        answer(exchange, 200, "");
    }

    private static void answer(Exchange exchange, int status, String body) {
        exchange.getMessage().setHeader(Exchange.HTTP_RESPONSE_CODE, status);
        exchange.getMessage().setBody(body);
    }
}
