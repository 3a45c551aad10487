package io.jesync.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.jesync.simulator.norce.DemoOrderGenerator;
import io.jesync.simulator.norce.NorceModel;
import io.jesync.testsupport.AdminRuntime;
import io.jesync.testsupport.WebDriver;

/**
 * The console in a real headless Chromium against the whole runtime in this JVM: a support person opens the
 * dashboard, finds a parked order under its cause, fixes the order in the (simulated) shop, re-sends it with
 * confirmation, and watches it reach e-conomic on the order page; switches tracing on for the order flow and reads an
 * order's e-conomic call on the Tracing page; and a page of another origin cannot change anything. With
 * {@code -Dconsole.screenshots=docs/images} it also writes the screenshots the operations guide shows.
 */
@Tag("harness")
class ConsoleBrowserIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    @TempDir
    Path dir;

    @Test
    void a_support_person_finds_a_parked_order_fixes_it_in_the_shop_and_re_sends_it() throws Exception {
        // Every flow of the demo shop runs, so the dashboard (and its screenshot) shows what an operator sees.
        try (AdminRuntime runtime = AdminRuntime.start(dir.resolve("runtime"), Map.of(
                "shop.se.orders.poll-interval-seconds", "2", "shop.se.products.enabled", "true",
                "shop.se.stock.enabled", "true", "shop.se.prices.enabled", "true",
                "shop.se.reversal.poll-interval", "2s", "admin.tracing.capture-size", "2000"));
             WebDriver browser = WebDriver.start(dir.resolve("chromium-profile"), 1280, 900)) {
            NorceModel.Order broken = new DemoOrderGenerator(runtime.demo.norce(),
                    DemoOrderGenerator.Settings.defaults().withSeed(71)).placeBadOrder(
                    DemoOrderGenerator.BadOrder.MISSING_EMAIL);
            runtime.demo.norce().setOrderStatus(broken.id(), NorceModel.OrderStatus.CONFIRMED.id());
            Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> "PARKED".equals(JSON.readTree(
                    runtime.get("/api/orders/se/" + broken.orderNo()).body()).path("state").asText()));

            // What waits besides orders, parked through the stores the product and stock flows park with; the
            // product's reason carries markup, which the page must show as text.
            new io.jesync.product.ProductStore(runtime.database, java.time.Clock.systemUTC()).park("se",
                    "TOO-LONG-ARTICLE-NUMBER-0001", "Article TOO-LONG-ARTICLE-NUMBER-0001: the article number has 28"
                    + " characters; e-conomic allows at most 25 <img src=x data-injected>", null);
            new io.jesync.stock.ArticleSyncStore(runtime.database, java.time.Clock.systemUTC()).rejected("se",
                    new io.jesync.stock.ArticleSyncStore.DirtyValue(io.jesync.stock.ShopArticleValue.ONHAND,
                            "NOT-IN-SHOP-01", "5", 0), "The shop has no article NOT-IN-SHOP-01");

            assertThat(runtime.get("/console/console.js").headers().firstValue("Content-Type").orElse(""))
                    .startsWith("text/javascript");
            assertThat(runtime.get("/console/nothing.js").statusCode()).isEqualTo(404);
            assertThat(runtime.get("/console/..%2Fadmin%2Fopenapi.json").statusCode()).isEqualTo(404);

            // The browser's own Basic-auth prompt, answered in the address as a person would type it once.
            browser.open("http://" + AdminRuntime.USER + ":" + AdminRuntime.PASSWORD + "@127.0.0.1:" + runtime.port
                    + "/console/");
            await(browser, "[data-page=dashboard]");
            await(browser, "[data-flow=poll-orders-se]");
            assertThat(Integer.parseInt(browser.text(await(browser, "[data-count=parked-orders]"))))
                    .isGreaterThanOrEqualTo(1);
            assertThat(browser.text(await(browser, "[data-count=parked-product]"))).isEqualTo("1");
            assertThat(Integer.parseInt(browser.text(await(browser, "[data-count=parked-STOCK]"))))
                    .isGreaterThanOrEqualTo(1);
            assertThat(browser.text(await(browser, "[data-count=parked-payment]"))).isEqualTo("0");
            await(browser, "[data-connection=economic-auth][data-up=true]");
            await(browser, "[data-connection=shop-se-auth][data-up=true]");
            await(browser, "[data-flow=reconcile-se]");
            assertThat(browser.script("return document.querySelector('[data-flow=reconcile-se]').closest('tr')"
                    + ".cells[5].textContent").asText()).as("no lag before its first run").isEqualTo("not due");
            screenshot(browser, "console-dashboard.png");

            // Found from the dashboard: the parked stock row's card leads to it on the Failures page.
            browser.click(await(browser, "a:has([data-count=parked-STOCK])"));
            String product = "[data-parked-kind=product]";
            assertThat(browser.text(await(browser, product + " [data-parked-key='se/TOO-LONG-ARTICLE-NUMBER-0001']")))
                    .isEqualTo("TOO-LONG-ARTICLE-NUMBER-0001");
            assertThat(browser.text(await(browser, product + " [data-parked-reason]")))
                    .contains("e-conomic allows at most 25 <img src=x data-injected>");
            assertThat(browser.find("[data-injected]")).as("markup in a reason is shown, not run").isNull();
            assertThat(browser.find(product + " button")).as("no endpoint acts on a parked product").isNull();
            assertThat(browser.find("[data-empty=failures]")).isNull();
            String stock = "[data-parked-kind=STOCK] tr:has([data-parked-key='se/NOT-IN-SHOP-01'])";
            assertThat(browser.text(await(browser, stock + " [data-parked-reason]")))
                    .isEqualTo("The shop has no article NOT-IN-SHOP-01");
            browser.click(await(browser, stock + " [data-action=repush]"));
            await(browser, "dialog#confirm[open]");
            browser.click(await(browser, "#confirm-ok"));
            assertThat(browser.text(await(browser, "#notice:not([hidden])"))).contains("NOT-IN-SHOP-01",
                    "next stock and price tick");
            browser.resize(390, 844);
            await(browser, product + " [data-parked-reason]");
            assertThat(browser.script("return document.documentElement.scrollWidth <= window.innerWidth;")
                    .asBoolean()).as("the Failures page fits a phone's width").isTrue();
            browser.resize(1280, 900);
            String group = "[data-group=MISSING_EMAIL]";
            assertThat(browser.text(await(browser, group + " h2"))).startsWith("customer e-mail missing on");
            browser.click(await(browser, group + " a[data-order='se/" + broken.orderNo() + "']"));
            await(browser, "[data-order-state=PARKED]");
            assertThat(browser.text(await(browser, "[data-reason]"))).contains("no e-mail address");

            NorceModel.Order stored = runtime.demo.norce().orders().stream().filter(o -> o.id() == broken.id())
                    .findFirst().orElseThrow();
            runtime.demo.norce().modifyOrder(stored.id(), new NorceModel.OrderDraft(stored.applicationId(),
                    stored.currencyCode(), stored.statusId(), stored.paymentMethodCode(), stored.buyerCustomerCode(),
                    stored.buyerCompanyCode(), stored.buyer().withEmailAddress("fixed@example.se"), stored.shipTo(),
                    stored.payer(), stored.items()));

            browser.click(await(browser, "[data-action=resend]"));
            await(browser, "dialog#confirm[open]");
            browser.click(await(browser, "#confirm-ok"));

            // The order page follows the order until it settles; the test reads the page, as the person would.
            await(browser, "[data-order-state=ACKNOWLEDGED]", Duration.ofSeconds(60));
            assertThat(browser.text(await(browser, "[data-economic]"))).doesNotContain("not yet");
            assertThat(browser.text(await(browser, "[data-timeline]"))).contains("parked", "resend-requested",
                    "created", "acknowledged");
            assertThat(browser.script("return document.querySelector('[data-document]').textContent").asText())
                    .as("the document as sent, folded away").contains("jetshop:se:" + broken.orderNo());
            assertThat(browser.text(await(browser, "[data-outcome]")))
                    .matches("(In e-conomic as draft invoice|Booked as invoice) .*");
            assertThat(browser.text(await(browser, "[data-customer]"))).contains("fixed@example.se");
            // Replay from the order page: the document the order would make now, beside what was sent; no write.
            long writesBefore = economicWrites(runtime);
            browser.click(await(browser, "[data-action=replay]"));
            assertThat(browser.text(await(browser, "[data-replay-differences]")))
                    .isEqualTo("The document would be the same as the one sent.");
            assertThat(economicWrites(runtime)).as("a replay writes nothing to e-conomic").isEqualTo(writesBefore);
            String notice = browser.find("#notice:not([hidden])");
            if (notice != null) {
                browser.click(notice); // the re-send's confirmation toast would cover the timeline in the picture
            }
            browser.script("window.scrollTo(0, 0)"); // the picture shows the outcome the page leads with
            screenshot(browser, "console-order.png");

            // A search by the buyer's full name, first and last name being two fields of the shop order.
            NorceModel.CustomerInfo buyer = stored.buyer();
            String fullName = buyer.firstName() + " " + buyer.lastName();
            browser.type(await(browser, "#search-q"), fullName);
            browser.click(await(browser, "#search button"));
            await(browser, "[data-page=orders]");
            await(browser, "[data-order='se/" + broken.orderNo() + "']");
            assertThat(browser.text(await(browser, "[data-search-count]"))).contains("match");
            browser.open(consoleUrl(runtime) + "#/orders?q=" + "no-such-customer-zz");
            assertThat(browser.text(await(browser, "[data-empty=search]"))).contains("No order matches");

            // A cancelled order's outcome: the shop cancels a transferred order, the reversal takes it back.
            NorceModel.Order cancelled = runtime.demo.norce().orders().stream()
                    .filter(o -> o.id() != broken.id() && acknowledged(runtime, o.orderNo())).findFirst().orElseThrow();
            runtime.demo.norce().setOrderStatus(cancelled.id(), NorceModel.OrderStatus.CANCELLED.id());
            browser.open(consoleUrl(runtime) + "#/order/se/" + cancelled.orderNo());
            Awaitility.await("the reversal of " + cancelled.orderNo()).atMost(Duration.ofSeconds(60))
                    .pollInterval(Duration.ofMillis(500)).until(() -> {
                        browser.open(consoleUrl(runtime) + "#/order/se/" + cancelled.orderNo() + "?t="
                                + System.nanoTime());
                        await(browser, "[data-page=order]");
                        return browser.find("[data-outcome=ended]") != null;
                    });
            assertThat(browser.text(await(browser, "[data-outcome]"))).startsWith("Cancelled in the shop");
            assertThat(browser.text(await(browser, "[data-economic]"))).matches("(?s).*(draft invoice|booked invoice)"
                    + " \\d+.*");
            assertThat(browser.find("[data-total]")).as("the order's lines and total are shown").isNotNull();

            // An initial-sync dry run watched to its report, which downloads.
            browser.open(consoleUrl(runtime) + "#/initial-sync");
            browser.click(await(browser, "[data-action=dry-run]"));
            await(browser, "[data-page=initial-sync-run]");
            await(browser, "[data-report-download]", Duration.ofSeconds(90));
            assertThat(browser.find("[data-report-count]")).isNotNull();
            assertThat(browser.text(await(browser, "[data-sync-message]"))).containsIgnoringCase("dry run");
            String href = browser.script("return document.querySelector('[data-report-download]')"
                    + ".getAttribute('href')").asText();
            java.net.http.HttpResponse<String> report = runtime.get(href.substring(href.indexOf("/api/")));
            assertThat(report.statusCode()).isEqualTo(200);
            assertThat(report.headers().firstValue("Content-Disposition").orElse("")).contains("attachment");
            screenshot(browser, "console-initial-sync.png");

            // The article page a parked stock row links to: values in words, never the stored encoding.
            browser.open(consoleUrl(runtime) + "#/failures");
            browser.click(await(browser, "[data-parked-kind=STOCK] [data-article-link='se/NOT-IN-SHOP-01']"));
            await(browser, "[data-page=article]");
            assertThat(browser.text(await(browser, "[data-parked-article]"))).contains("NOT-IN-SHOP-01");
            String demoArticle = io.jesync.simulator.DemoCatalog.demoArticles().get(0).articleNumber();
            Awaitility.await("stock of " + demoArticle + " sent to the shop").atMost(Duration.ofSeconds(60)).until(() ->
                    JSON.readTree(runtime.get("/api/articles/se/" + demoArticle).body()).path("shopValues").size() > 0);
            browser.open(consoleUrl(runtime) + "#/article/se/" + demoArticle);
            assertThat(browser.text(await(browser, "[data-wanted=stock]"))).matches("-?[\\d.]+ on hand.*");
            assertThat(JSON.readTree(runtime.get("/api/articles/se/" + demoArticle).body()).toString())
                    .as("no stored encoding in the API").doesNotContain("|");
            assertThat(browser.script("return document.getElementById('view').textContent.includes('|')")
                    .asBoolean()).isFalse();
            screenshot(browser, "console-article.png");
            browser.open(consoleUrl(runtime) + "#/flows");
            await(browser, "[data-page=flows]");
            await(browser, "[data-run=poll-orders-se]");
            await(browser, "[data-block=instances] [data-state=live]");

            crossOriginPostsAreRefused(runtime, browser);
            tracingFromTheConsoleShowsTheEconomicCallOfATransferredOrder(runtime, browser);

            // An outage: the shop's API answers 503 to everything. The dashboard (refreshing itself) shows the
            // connection down and the order poll failing with the cause; Failures counts it; then it recovers.
            browser.open(consoleUrl(runtime) + "#/");
            await(browser, "[data-connection=shop-se-auth][data-up=true]");
            runtime.demo.norce().faults().configure(16L, java.util.List.of(
                    io.jesync.simulator.FaultRule.none("").withUnavailable(1.0)));
            await(browser, "[data-connection=shop-se-auth][data-up=false]", Duration.ofSeconds(40));
            assertThat(browser.text(await(browser, "[data-flow-error=poll-orders-se]"))).contains("503");
            await(browser, "[data-failing=poll-orders-se]");
            screenshot(browser, "console-outage.png");
            browser.open(consoleUrl(runtime) + "#/failures");
            assertThat(Integer.parseInt(browser.text(await(browser, "[data-count=outages]")))).isGreaterThanOrEqualTo(2);
            runtime.demo.norce().faults().clear();
            browser.open(consoleUrl(runtime) + "#/");
            await(browser, "[data-connection=shop-se-auth][data-up=true]", Duration.ofSeconds(40));
            Awaitility.await("the order poll succeeds again").atMost(Duration.ofSeconds(40))
                    .until(() -> browser.find("[data-failing=poll-orders-se]") == null);

            // Every page fits a phone's width: no page and no table scrolls sideways.
            browser.resize(390, 844);
            for (String page : java.util.List.of("#/", "#/failures", "#/orders?q=" + broken.orderNo(),
                    "#/order/se/" + cancelled.orderNo(), "#/article/se/NOT-IN-SHOP-01", "#/flows", "#/initial-sync",
                    "#/reconciliation", "#/tracing", "#/tracing/poll-orders-se")) {
                browser.open(consoleUrl(runtime) + page);
                await(browser, "[data-page]:not([data-page=unknown])");
                assertThat(browser.script("return document.documentElement.scrollWidth <= window.innerWidth"
                        + " && [...document.querySelectorAll('.table-wrap')].every(t => t.scrollWidth <="
                        + " t.clientWidth + 1);").asBoolean()).as(page + " fits a phone's width").isTrue();
            }
            browser.open(consoleUrl(runtime) + "#/no-such-page");
            await(browser, "[data-page=unknown]");
        }
    }

    /**
     * A page of another origin, holding the browser's admin credentials for the runtime, tries what a foreign site
     * would: a {@code text/plain} fetch with credentials that would switch tracing on, and a plain form that would run a
     * flow. Both state changes are synchronous or visible, so "refused" is read from the runtime, not assumed.
     */
    private static void crossOriginPostsAreRefused(AdminRuntime runtime, WebDriver browser) throws Exception {
        String admin = "http://127.0.0.1:" + runtime.port;
        String page = "<!doctype html><html><body><form id=f method=post enctype=text/plain action='" + admin
                + "/api/flows/reconcile-se/run'><input name=x value=y><button id=go>Go</button></form><script>"
                + "fetch('" + admin + "/api/tracing/reconcile-se', {method: 'POST', credentials: 'include',"
                + " body: '{\"enabled\":true}', headers: {'Content-Type': 'text/plain'}})"
                + ".then(r => 'answered ' + r.status, e => 'failed ' + e.name)"
                + ".then(outcome => document.body.dataset.fetched = outcome);</script></body></html>";
        com.sun.net.httpserver.HttpServer foreign = com.sun.net.httpserver.HttpServer.create(
                new java.net.InetSocketAddress("127.0.0.1", io.jesync.testsupport.RuntimeProcess.freePort()), 0);
        foreign.createContext("/", exchange -> {
            byte[] html = page.getBytes(java.nio.charset.StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
            exchange.sendResponseHeaders(200, html.length);
            exchange.getResponseBody().write(html);
            exchange.close();
        });
        foreign.start();
        try {
            browser.open("http://127.0.0.1:" + foreign.getAddress().getPort() + "/");
            // The fetch settles only once the runtime has answered; without CORS headers the page cannot read it.
            await(browser, "body[data-fetched]");
            assertThat(JSON.readTree(runtime.get("/api/tracing/reconcile-se").body()).path("enabled").asBoolean())
                    .as("the foreign fetch did not switch tracing on").isFalse();

            browser.click(await(browser, "#go"));
            // A form's answer is a page of its own, which the browser shows: the runtime's refusal.
            Awaitility.await("the runtime's answer to the foreign form").atMost(Duration.ofSeconds(20))
                    .until(() -> browser.script("return location.href").asText().contains("/api/flows/"));
            assertThat(browser.script("return document.body.textContent").asText())
                    .contains("cross-site request refused");
            JsonNode reconcile = flow(runtime, "reconcile-se");
            assertThat(reconcile.path("lastRunStartedAt").isNull() || reconcile.path("lastRunStartedAt").isMissingNode())
                    .as("the daily reconciliation did not run: " + reconcile).isTrue();
        } finally {
            foreign.stop(0);
        }
    }

    private static JsonNode flow(AdminRuntime runtime, String routeId) throws java.io.IOException {
        for (JsonNode shop : JSON.readTree(runtime.get("/api/flows").body()).path("shops")) {
            for (JsonNode f : shop.path("flows")) {
                if (f.path("routeId").asText().equals(routeId)) {
                    return f;
                }
            }
        }
        throw new AssertionError("no flow " + routeId);
    }

    /** Support switches tracing on for the order flow, an order is transferred, its e-conomic call is read. */
    private static void tracingFromTheConsoleShowsTheEconomicCallOfATransferredOrder(AdminRuntime runtime,
            WebDriver browser) throws Exception {
        browser.open(consoleUrl(runtime) + "#/tracing");
        await(browser, "[data-page=tracing]");
        assertThat(browser.script("return document.querySelector('[data-trace-link]').dataset.traceLink").asText())
                .as("the flows lead the list").doesNotStartWith("admin-");
        assertThat(browser.text(await(browser, "[data-tracing=poll-orders-se]"))).isEqualTo("Off");
        browser.click(await(browser, "[data-action=trace-on][data-trace=poll-orders-se]"));
        await(browser, "dialog#confirm[open]");
        browser.click(await(browser, "#confirm-ok"));
        await(browser, "[data-action=trace-off][data-trace=poll-orders-se]");
        assertThat(browser.text(await(browser, "[data-tracing=poll-orders-se]"))).isEqualTo("On");

        NorceModel.Order order = new DemoOrderGenerator(runtime.demo.norce(), DemoOrderGenerator.Settings.defaults()
                .withSeed(1616)).placeOrderNow();
        runtime.demo.norce().setOrderStatus(order.id(), NorceModel.OrderStatus.CONFIRMED.id());
        String call = "[data-call=e-conomic][data-call-method=POST]";
        String ours = "return [...document.querySelectorAll('" + call + "')].findIndex(c => c.querySelector("
                + "'[data-body=request]') && c.querySelector('[data-body=request]').textContent.includes(arguments[0]))";
        browser.open(consoleUrl(runtime) + "#/tracing/poll-orders-se?calls=1");
        Awaitility.await("the e-conomic call creating order " + order.orderNo() + " in the capture")
                .atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).until(() -> {
                    browser.click(await(browser, "[data-action=refresh]"));
                    await(browser, "[data-page=trace]");
                    return browser.script(ours, order.orderNo()).asInt() >= 0;
                });
        int index = browser.script(ours, order.orderNo()).asInt();
        browser.script("document.querySelectorAll('" + call + "')[arguments[0]].setAttribute('data-ours', '')", index);
        String mine = "[data-ours]";
        assertThat(browser.text(await(browser, mine + " [data-call-url]")))
                .startsWith("POST " + runtime.demo.economic().baseUrl());
        assertThat(browser.text(await(browser, mine + " [data-call-status]"))).matches("2\\d\\d");
        browser.click(await(browser, mine + " [data-fold=request] summary"));
        assertThat(browser.text(await(browser, mine + " [data-body=request]"))).contains(order.orderNo());
        assertThat(browser.text(await(browser, mine + " [data-fold=request] dl"))).contains("X-AppSecretToken")
                .contains("****").doesNotContain(io.jesync.settings.RuntimeSettings.DEMO_APP_SECRET_TOKEN.reveal());
        String notice = browser.find("#notice:not([hidden])");
        if (notice != null) {
            browser.click(notice); // the switch's toast would cover the call in the picture
        }
        browser.script("window.scrollTo(0, 0)");
        screenshot(browser, "console-tracing.png");
        browser.click(await(browser, mine + " [data-fold=response] summary"));
        assertThat(browser.text(await(browser, mine + " [data-body=response]"))).startsWith("{");
        browser.resize(390, 844);
        await(browser, mine + " [data-body=response]");
        assertThat(browser.script("return document.documentElement.scrollWidth <= window.innerWidth").asBoolean())
                .as("a capture with its calls unfolded fits a phone's width").isTrue();
        browser.resize(1280, 900);

        browser.click(await(browser, "[data-action=trace-off][data-trace=poll-orders-se]"));
        Awaitility.await("tracing switched off").atMost(Duration.ofSeconds(20)).until(() -> !JSON.readTree(
                runtime.get("/api/tracing/poll-orders-se").body()).path("enabled").asBoolean());
        await(browser, "[data-empty=trace]");
    }

    private static String consoleUrl(AdminRuntime runtime) {
        return "http://" + AdminRuntime.USER + ":" + AdminRuntime.PASSWORD + "@127.0.0.1:" + runtime.port
                + "/console/";
    }

    private static boolean acknowledged(AdminRuntime runtime, String orderNo) {
        try {
            return "ACKNOWLEDGED".equals(JSON.readTree(runtime.get("/api/orders/se/" + orderNo).body()).path("state")
                    .asText());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static String await(WebDriver browser, String css) {
        return await(browser, css, Duration.ofSeconds(20));
    }

    private static String await(WebDriver browser, String css, Duration atMost) {
        String[] found = new String[1];
        Awaitility.await("the console shows " + css).atMost(atMost).pollInterval(Duration.ofMillis(100))
                .until(() -> (found[0] = browser.find(css)) != null);
        return found[0];
    }

    private static void screenshot(WebDriver browser, String name) throws java.io.IOException {
        String folder = System.getProperty("console.screenshots");
        if (folder != null && !folder.isBlank()) {
            Path target = Path.of(folder).resolve(name);
            Files.createDirectories(target.getParent());
            Files.write(target, browser.screenshot());
        }
    }

    private static long economicWrites(AdminRuntime runtime) {
        return runtime.demo.economic().journal().stream().filter(r -> !"GET".equals(r.method())).count();
    }
}
