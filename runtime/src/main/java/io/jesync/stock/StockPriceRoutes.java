package io.jesync.stock;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Optional;

import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;

import io.jesync.config.Secret;

/**
 * The stock and price flow's schedule and e-conomic's stock webhook. The schedule wakes every
 * {@code stock-prices.tick} and runs the steps of {@link StockPriceFlow#tick()}: {@code pace-tick} decides what is
 * due under the day's budget (so pacing needs no rescheduling), {@code read-economic} reads it, {@code push-to-shops}
 * sends the changes. {@code stateful=true} keeps two ticks from overlapping; on a shared PostgreSQL store Quartz's
 * clustered job store ({@link io.jesync.cluster.ClusteredScheduler}) runs each tick on one instance at a time.
 *
 * <p>The webhook ({@code POST /api/economic/stock-webhook}, admin port, off by default) only marks the product for a
 * re-read: e-conomic's webhooks carry no signature and no data beyond the product number, so nothing in the
 * request is trusted beyond "look at product N again", and the shared token keeps strangers from spending the
 * budget.
 */
public class StockPriceRoutes extends RouteBuilder {
    /**
     * Called by e-conomic, which cannot send the admin credentials: the route checks the webhook's own token, and the
     * admin guard lets this one path through to it (only while a token is configured).
     */
    public static final String STOCK_WEBHOOK_PATH = "/api/economic/stock-webhook";


    @Override
    public void configure() {
        RuntimeSettings settings = getContext().getRegistry().lookupByNameAndType("runtimeSettings",
                RuntimeSettings.class);
        if (settings.shops().stream().noneMatch(s -> s.stockPrices().enabled())) {
            return;
        }
        from("quartz:stock-prices/tick?stateful=true&trigger.repeatInterval=" + settings.stockSync().tick().toMillis()
                + "&trigger.repeatCount=-1")
                .routeId("stock-prices-tick")
                .bean("stockPriceFlow", "paceTick").id("pace-tick")
                .bean("stockPriceFlow", "readEconomic").id("read-economic")
                .bean("stockPriceFlow", "pushToShops").id("push-to-shops");

        Optional<Secret> token = settings.stockSync().webhookToken();
        if (token.isEmpty()) {
            return;
        }
        byte[] expected = token.get().reveal().getBytes(StandardCharsets.UTF_8);
        // On the REST DSL like the rest of /api, so the generated OpenAPI document lists it (without credentials).
        rest("/api/economic").tag("economic").post("/stock-webhook").id("economic-stock-webhook")
                .routeId("economic-stock-webhook")
                .description("e-conomic's stock webhook: marks product `number` for a re-read. Takes the webhook"
                        + " token (stock-prices.webhook.token) in X-Jesync-Webhook-Token or in the query as token;"
                        + " no admin credentials")
                .param().name("number").type(org.apache.camel.model.rest.RestParamType.query)
                .description("The product number (or in a form body)").endParam()
                .param().name("token").type(org.apache.camel.model.rest.RestParamType.query)
                .description("The webhook token, where the caller cannot set a header; never logged").endParam()
                .responseMessage().code(204).message("Marked for a re-read").endResponseMessage()
                .responseMessage().code(400).message("number missing or too long").endResponseMessage()
                .responseMessage().code(401).message("Token missing or wrong").endResponseMessage()
                .to("direct:economic-stock-webhook");
        from("direct:economic-stock-webhook")
                .process(exchange -> {
                    String given = Optional.ofNullable(exchange.getMessage().getHeader("X-Jesync-Webhook-Token",
                            String.class)).orElse(exchange.getMessage().getHeader("token", "", String.class));
                    String number = productNumber(exchange);
                    exchange.getMessage().getHeaders().clear();
                    if (!MessageDigest.isEqual(expected, given.getBytes(StandardCharsets.UTF_8))) {
                        exchange.getMessage().setHeader(Exchange.HTTP_RESPONSE_CODE, 401);
                        exchange.getMessage().setBody("");
                        return;
                    }
                    if (number == null || number.isBlank() || number.length() > 25) {
                        exchange.getMessage().setHeader(Exchange.HTTP_RESPONSE_CODE, 400);
                        exchange.getMessage().setBody("number (the product number) is missing or longer than 25");
                        return;
                    }
                    exchange.getContext().getRegistry().lookupByNameAndType("stockPriceFlow", StockPriceFlow.class)
                            .productChanged(number.strip());
                    // Answered at once: e-conomic sends one call per changed product and retries slow answers.
                    exchange.getMessage().setHeader(Exchange.HTTP_RESPONSE_CODE, 204);
                    exchange.getMessage().setBody("");
                });
    }

    /** From the query ({@code ?number=[NUMBER]}) or a form body {@code number=...}, as the webhook template says. */
    private static String productNumber(Exchange exchange) {
        String number = exchange.getMessage().getHeader("number", String.class);
        if (number != null) {
            return number;
        }
        String body = exchange.getMessage().getBody(String.class);
        if (body == null) {
            return null;
        }
        for (String pair : body.split("&")) {
            String[] kv = pair.split("=", 2);
            if (kv.length == 2 && kv[0].strip().equals("number")) {
                return java.net.URLDecoder.decode(kv[1], StandardCharsets.UTF_8);
            }
        }
        return null;
    }
}
