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

import com.fasterxml.jackson.databind.ObjectMapper;

import io.jesync.simulator.norce.DemoOrderGenerator;
import io.jesync.simulator.norce.NorceModel;
import io.jesync.testsupport.AdminRuntime;
import io.jesync.testsupport.WebDriver;

/**
 * The console in a real headless Chromium against the whole runtime in this JVM: a support person opens the
 * dashboard, finds a parked order under its cause, fixes the order in the (simulated) shop, re-sends it with
 * confirmation, and watches it reach e-conomic on the order page. With {@code -Dconsole.screenshots=docs/images} it
 * also writes the screenshots the operations guide shows.
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
                "shop.se.stock.enabled", "true", "shop.se.prices.enabled", "true"));
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
            assertThat(browser.text(await(browser, "[data-count=parked-STOCK]"))).isEqualTo("1");
            assertThat(browser.text(await(browser, "[data-count=parked-payment]"))).isEqualTo("0");
            screenshot(browser, "console-dashboard.png");

            browser.click(await(browser, "a[data-nav=failures]"));
            String product = "[data-parked-kind=product]";
            assertThat(browser.text(await(browser, product + " [data-parked-key='se/TOO-LONG-ARTICLE-NUMBER-0001']")))
                    .isEqualTo("TOO-LONG-ARTICLE-NUMBER-0001");
            assertThat(browser.text(await(browser, product + " [data-parked-reason]")))
                    .contains("e-conomic allows at most 25 <img src=x data-injected>");
            assertThat(browser.find("[data-injected]")).as("markup in a reason is shown, not run").isNull();
            assertThat(browser.find(product + " button")).as("no endpoint acts on a parked product").isNull();
            assertThat(browser.find("[data-empty=failures]")).isNull();
            String stock = "[data-parked-kind=STOCK]";
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
            String group = "[data-group=email]";
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
            assertThat(browser.text(await(browser, "[data-document]"))).contains("jetshop:se:" + broken.orderNo());
            String notice = browser.find("#notice:not([hidden])");
            if (notice != null) {
                browser.click(notice); // the re-send's confirmation toast would cover the timeline in the picture
            }
            screenshot(browser, "console-order.png");

            browser.resize(390, 844);
            assertThat(browser.script("return document.documentElement.scrollWidth <= window.innerWidth;")
                    .asBoolean()).as("the order page fits a phone's width").isTrue();
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
}
