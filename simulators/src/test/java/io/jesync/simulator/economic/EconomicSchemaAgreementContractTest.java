package io.jesync.simulator.economic;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import io.jesync.testsupport.EconomicSchemas;

/**
 * Contract profile ({@code mvn -Pcontract -Deconomic.schemas=<folder>}): the simulator's validation, which is the
 * project's transcription of e-conomic's rules, and e-conomic's published schemas must agree: for each body, the
 * simulator answers 201 exactly when the schema finds no violation, and the transcription finds the same. The
 * bodies only vary constraints both sides check.
 */
class EconomicSchemaAgreementContractTest extends EconomicTestClient {
    private static EconomicSchemas schemas;

    @BeforeAll
    static void loadPublishedSchemas() {
        schemas = EconomicSchemas.fromProperty();
    }

    private static Arguments variant(String label, String path, String schema, ObjectNode base, Consumer<ObjectNode> change) {
        ObjectNode body = base.deepCopy();
        change.accept(body);
        return Arguments.of(label, path, schema, body);
    }

    private static ObjectNode at(ObjectNode root, String... path) {
        JsonNode node = root;
        for (String part : path) {
            node = part.matches("\\d+") ? node.get(Integer.parseInt(part)) : node.get(part);
        }
        return (ObjectNode) node;
    }

    static Stream<Arguments> bodies() {
        List<Arguments> all = new ArrayList<>();
        ObjectNode customer = customerBody("Anna Lindqvist");
        String c = "/customers";
        String cs = "customers.post";
        all.add(variant("customer valid", c, cs, customer, b -> { }));
        for (String field : List.of("name", "currency", "customerGroup", "paymentTerms", "vatZone")) {
            all.add(variant("customer without " + field, c, cs, customer, b -> b.remove(field)));
        }
        all.add(variant("customer name 255", c, cs, customer, b -> b.put("name", "N".repeat(255))));
        all.add(variant("customer name 256", c, cs, customer, b -> b.put("name", "N".repeat(256))));
        all.add(variant("customer empty name", c, cs, customer, b -> b.put("name", "")));
        all.add(variant("customer currency 2 chars", c, cs, customer, b -> b.put("currency", "SE")));
        all.add(variant("customer currency 4 chars", c, cs, customer, b -> b.put("currency", "SEKK")));
        all.add(variant("customer pNumber 9", c, cs, customer, b -> b.put("pNumber", "123456789")));
        all.add(variant("customer pNumber 10", c, cs, customer, b -> b.put("pNumber", "1234567890")));
        all.add(variant("customer number 0", c, cs, customer, b -> b.put("customerNumber", 0)));
        all.add(variant("customer number 1000000000", c, cs, customer, b -> b.put("customerNumber", 1_000_000_000)));
        all.add(variant("customer number as string", c, cs, customer, b -> b.put("customerNumber", "77")));
        all.add(variant("customer email 256", c, cs, customer, b -> b.put("email", "e".repeat(256))));
        all.add(variant("customer vatNumber 21", c, cs, customer, b -> b.put("vatNumber", "S".repeat(21))));
        all.add(variant("customer barred as string", c, cs, customer, b -> b.put("barred", "yes")));
        all.add(variant("customer zip 31", c, cs, customer, b -> b.put("zip", "1".repeat(31))));
        all.add(variant("customer creditLimit as string", c, cs, customer, b -> b.put("creditLimit", "100")));

        ObjectNode product = productBody("SCHEMA-1");
        String p = "/products";
        String ps = "products.post";
        all.add(variant("product valid", p, ps, product, b -> { }));
        for (String field : List.of("productNumber", "name", "productGroup")) {
            all.add(variant("product without " + field, p, ps, product, b -> b.remove(field)));
        }
        all.add(variant("product number 25", p, ps, product, b -> b.put("productNumber", "P".repeat(25))));
        all.add(variant("product number 26", p, ps, product, b -> b.put("productNumber", "P".repeat(26))));
        all.add(variant("product number as integer", p, ps, product, b -> b.put("productNumber", 12345)));
        all.add(variant("product empty number", p, ps, product, b -> b.put("productNumber", "")));
        all.add(variant("product name 301", p, ps, product, b -> b.put("name", "N".repeat(301))));
        all.add(variant("product description 501", p, ps, product, b -> b.put("description", "D".repeat(501))));
        all.add(variant("product barCode 51", p, ps, product, b -> b.put("barCode", "1".repeat(51))));
        all.add(variant("product salesPrice as string", p, ps, product, b -> b.put("salesPrice", "99")));
        all.add(variant("product packageVolume 3 decimals", p, ps, product,
                b -> b.putObject("inventory").put("packageVolume", new java.math.BigDecimal("1.125"))));
        all.add(variant("product packageVolume 2 decimals", p, ps, product,
                b -> b.putObject("inventory").put("packageVolume", new java.math.BigDecimal("1.12"))));

        ObjectNode draft = draftBody(1, "SHOP-1");
        for (String[] target : new String[][] {{"/invoices/drafts", "invoices.drafts.post"},
                {"/orders/drafts", "orders.drafts.post"}}) {
            String d = target[0];
            String ds = target[1];
            String kind = d.substring(1);
            all.add(variant(kind + " valid", d, ds, draft, b -> { }));
            for (String field : List.of("date", "currency", "customer", "layout", "paymentTerms", "recipient")) {
                all.add(variant(kind + " without " + field, d, ds, draft, b -> b.remove(field)));
            }
            all.add(variant(kind + " recipient without name", d, ds, draft, b -> at(b, "recipient").remove("name")));
            all.add(variant(kind + " recipient without vatZone", d, ds, draft,
                    b -> at(b, "recipient").remove("vatZone")));
            all.add(variant(kind + " recipient name 251", d, ds, draft,
                    b -> at(b, "recipient").put("name", "R".repeat(251))));
            all.add(variant(kind + " references.other 250", d, ds, draft,
                    b -> at(b, "references").put("other", "O".repeat(250))));
            all.add(variant(kind + " references.other 251", d, ds, draft,
                    b -> at(b, "references").put("other", "O".repeat(251))));
            all.add(variant(kind + " unitNetPrice 3 decimals", d, ds, draft,
                    b -> at(b, "lines", "0").put("unitNetPrice", new java.math.BigDecimal("100.125"))));
            all.add(variant(kind + " quantity 3 decimals", d, ds, draft,
                    b -> at(b, "lines", "0").put("quantity", new java.math.BigDecimal("1.125"))));
            all.add(variant(kind + " discount 2 decimals", d, ds, draft,
                    b -> at(b, "lines", "0").put("discountPercentage", new java.math.BigDecimal("12.5"))));
            all.add(variant(kind + " lineNumber 0", d, ds, draft, b -> at(b, "lines", "0").put("lineNumber", 0)));
            all.add(variant(kind + " sortKey 1", d, ds, draft, b -> at(b, "lines", "0").put("sortKey", 1)));
            all.add(variant(kind + " line description 2501", d, ds, draft,
                    b -> at(b, "lines", "0").put("description", "L".repeat(2501))));
            all.add(variant(kind + " productNumber 26", d, ds, draft,
                    b -> at(b, "lines", "0", "product").put("productNumber", "P".repeat(26))));
            all.add(variant(kind + " productNumber as integer", d, ds, draft,
                    b -> at(b, "lines", "0", "product").put("productNumber", 1)));
            all.add(variant(kind + " date not a date", d, ds, draft, b -> b.put("date", "01-09-2026")));
            all.add(variant(kind + " currency digits", d, ds, draft, b -> b.put("currency", "123")));
            all.add(variant(kind + " exchangeRate 7 decimals", d, ds, draft,
                    b -> b.put("exchangeRate", new java.math.BigDecimal("100.1234567"))));
            all.add(variant(kind + " exchangeRate 6 decimals", d, ds, draft,
                    b -> b.put("exchangeRate", new java.math.BigDecimal("100.123456"))));
            all.add(variant(kind + " customerNumber as string", d, ds, draft,
                    b -> at(b, "customer").put("customerNumber", "1")));
            all.add(variant(kind + " notes.heading 251", d, ds, draft,
                    b -> b.putObject("notes").put("heading", "H".repeat(251))));
            all.add(variant(kind + " deliveryDate not a date", d, ds, draft,
                    b -> b.putObject("delivery").put("deliveryDate", "tomorrow")));
            all.add(variant(kind + " paymentTermsType wrong case", d, ds, draft,
                    b -> at(b, "paymentTerms").put("paymentTermsType", "Net")));
            all.add(variant(kind + " paymentTermsType matching", d, ds, draft,
                    b -> at(b, "paymentTerms").put("paymentTermsType", "net")));
            all.add(variant(kind + " lines not an array", d, ds, draft, b -> b.putObject("lines")));
        }

        ObjectNode booking = json("{\"draftInvoice\": {\"draftInvoiceNumber\": 1}}");
        String bk = "/invoices/booked";
        String bks = "invoices.booked.post";
        all.add(variant("booking valid", bk, bks, booking, b -> { }));
        all.add(variant("booking sendBy none", bk, bks, booking, b -> b.put("sendBy", "none")));
        all.add(variant("booking sendBy EAN", bk, bks, booking, b -> b.put("sendBy", "EAN")));
        all.add(variant("booking sendBy email", bk, bks, booking, b -> b.put("sendBy", "email")));
        all.add(variant("booking bookWithNumber as string", bk, bks, booking, b -> b.put("bookWithNumber", "9")));
        all.add(variant("booking draft number 0", bk, bks, booking,
                b -> at(b, "draftInvoice").put("draftInvoiceNumber", 0)));
        return all.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("bodies")
    void simulator_accepts_exactly_what_the_schema_accepts(String label, String path, String schema, ObjectNode body) {
        assertThat(createCustomer("Schema Kund")).isEqualTo(1);
        assertThat(post("/invoices/drafts", draftBody(1, "SHOP-0")).status()).isEqualTo(201);

        List<String> violations = schemas.validate(schema, body);
        Reply reply = post(path, body);

        assertThat(reply.status())
                .as("%s: schema violations %s, simulator answered %s", label, violations, reply.body())
                .isEqualTo(violations.isEmpty() ? 201 : 400);
        assertThat(EconomicWriteRules.violations(schema, body).isEmpty())
                .as("%s: schema violations %s, transcription %s", label, violations,
                        EconomicWriteRules.violations(schema, body))
                .isEqualTo(violations.isEmpty());
    }

    @Test
    void schemas_with_trailing_commas_load() {
        JsonNode schema = schemas.schema("invoices.totals.drafts.employees.get");

        assertThat(schema.path("type").asText()).isEqualTo("object");
    }
}
