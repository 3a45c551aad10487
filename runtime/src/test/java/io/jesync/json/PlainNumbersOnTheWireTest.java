package io.jesync.json;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;

import io.jesync.order.BackoffSchedule;
import io.jesync.payment.PaymentFlow;
import io.jesync.payment.PaymentFlowAssembly;
import io.jesync.payment.PaymentSettings;
import io.jesync.shop.norce.NorceOrderMapper;
import io.jesync.simulator.RecordedRequest;
import io.jesync.simulator.norce.NorceModel;
import io.jesync.simulator.norce.NorceModel.OrderItem;
import io.jesync.status.EconomicStatusEvents;
import io.jesync.status.StatusFlow;
import io.jesync.testsupport.OrderFlowHarness;
import io.jesync.testsupport.TestDatabases.Kind;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every JSON body the runtime sends to e-conomic and to Norce writes its numbers plainly ({@code 10}, never
 * {@code 1E+1}). Orders priced {@code 10.00}, {@code 70} and {@code 1E+1} go through the order, status and payment
 * flows; then each body both simulators journaled is scanned token by token.
 */
class PlainNumbersOnTheWireTest {
    @TempDir
    Path tempDir;

    @Test
    void no_body_sent_to_economic_or_norce_has_a_number_in_exponent_notation() throws Exception {
        try (OrderFlowHarness h = new OrderFlowHarness(Kind.H2, tempDir, Map.of())) {
            NorceModel.Order template = h.placeOrder(501);
            place(h, template, "10.00", "70", "1E+1");
            place(h, template, "1E+1", "7E+1", "1E+2");
            h.runUntilSettled(10);
            StatusFlow status = h.statusFlow(new EconomicStatusEvents(h.client)).flow();
            h.economic.draftInvoices().forEach(d -> h.economic.bookDraft(d.number()));
            status.poll("se");
            PaymentFlow payments = PaymentFlowAssembly.create(h.settings, Map.of("se", PaymentSettings.enabled(5820)),
                    h.database, h.client, (shop, json) -> NorceOrderMapper.toShopOrder(shop.id(), json), h.clock,
                    BackoffSchedule.defaults(), new SplittableRandom(1)).flow();
            payments.run("se");

            List<RecordedRequest> economic = withBody(h.economic.journal());
            List<RecordedRequest> norce = withBody(h.norce.journal());
            assertThat(economic).as("documents, customers and vouchers went to e-conomic")
                    .anyMatch(r -> r.path().startsWith("/invoices/drafts"))
                    .anyMatch(r -> r.path().startsWith("/journals"));
            assertThat(norce).as("status and capture went to Norce").isNotEmpty();
            assertThat(exponents(economic)).as("numbers in exponent notation sent to e-conomic").isEmpty();
            assertThat(exponents(norce)).as("numbers in exponent notation sent to Norce").isEmpty();
        }
    }

    @Test
    void the_scan_finds_exponent_notation_when_it_is_there() throws Exception {
        assertThat(exponentsIn("{\"a\":[1,{\"b\":1E+1}],\"c\":\"7E+1\",\"d\":10.00}")).containsExactly("1E+1");
        assertThat(Json.MAPPER.writeValueAsString(Map.of("x", new BigDecimal("7E+1")))).isEqualTo("{\"x\":70}");
    }

    /** Re-places {@code template} with three product lines at the given unit prices. */
    private static void place(OrderFlowHarness h, NorceModel.Order template, String... prices) {
        OrderItem article = template.items().stream().filter(i -> !i.isFee()).findFirst().orElseThrow();
        List<OrderItem> items = new ArrayList<>();
        for (String price : prices) {
            items.add(OrderItem.line(article.partNo(), article.productName(), 1, new BigDecimal(price),
                    BigDecimal.ZERO, article.vatRate(), article.type()));
        }
        items.add(OrderItem.line("FREIGHT", "Frakt", 1, new BigDecimal("5E+1"), BigDecimal.ZERO,
                article.vatRate(), OrderItem.FREIGHT));
        h.confirmed(h.norce.placeOrder(new NorceModel.OrderDraft(template.applicationId(), template.currencyCode(),
                template.statusId(), template.paymentMethodCode(), template.buyerCustomerCode(),
                template.buyerCompanyCode(), template.buyer(), template.shipTo(), template.payer(), items)));
    }

    private static List<RecordedRequest> withBody(List<RecordedRequest> journal) {
        return journal.stream().filter(r -> r.body() != null && !r.body().isBlank()).toList();
    }

    private static List<String> exponents(List<RecordedRequest> requests) throws Exception {
        List<String> found = new ArrayList<>();
        for (RecordedRequest request : requests) {
            exponentsIn(request.body()).forEach(n -> found.add(request.method() + " " + request.path() + ": " + n));
        }
        return found;
    }

    private static List<String> exponentsIn(String body) throws Exception {
        List<String> found = new ArrayList<>();
        if (!body.trim().startsWith("{") && !body.trim().startsWith("[")) {
            return found;
        }
        try (JsonParser parser = new JsonFactory().createParser(body)) {
            for (JsonToken token = parser.nextToken(); token != null; token = parser.nextToken()) {
                if (token.isNumeric() && parser.getText().matches("(?i).*e.*")) {
                    found.add(parser.getText());
                }
            }
        }
        return found;
    }
}
