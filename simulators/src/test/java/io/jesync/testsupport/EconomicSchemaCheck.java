package io.jesync.testsupport;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.regex.Pattern;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;

import org.assertj.core.api.Assertions;

import io.jesync.simulator.Json;
import io.jesync.simulator.RecordedRequest;
import io.jesync.simulator.economic.EconomicSimulator;
import io.jesync.simulator.economic.EconomicWriteRules;

/**
 * Listens to an {@link EconomicSimulator} and checks every POST/PUT body against the project's transcription of
 * e-conomic's rule for that path ({@link EconomicWriteRules#schema}), with the one draft-03 checker of the tests
 * ({@link EconomicSchemas#violations}), so a test proves that what the runtime sends is what e-conomic documents as
 * valid. A property the transcription does not declare, or declares read-only, is a violation too: e-conomic would
 * drop it, and its rules would go unchecked. The contract profile ({@code mvn -Pcontract}) holds the transcription
 * against the published schemas with the same checker.
 *
 * <pre>{@code
 * try (EconomicSchemaCheck check = EconomicSchemaCheck.attach(simulator)) {
 *     ... run the sync ...
 *     check.assertNoViolations();
 * }
 * }</pre>
 */
public final class EconomicSchemaCheck implements Consumer<RecordedRequest>, AutoCloseable {

    /** One body that broke its rule; {@code schema} is null when no transcribed rule covers the path. */
    public record Violation(String method, String path, String schema, String problem) {
        @Override
        public String toString() {
            return method + " " + path + " [" + schema + "] " + problem;
        }
    }

    private record Mapping(String method, Pattern path, String schema) {
    }

    /** Request paths to schema names; order matters where a longer path shares a prefix. */
    private static final List<Mapping> MAPPINGS = List.of(
            map("POST", "/customers", "customers.post"),
            map("PUT", "/customers/[^/]+", "customers.customerNo.put"),
            map("POST", "/products", "products.post"),
            map("PUT", "/products/[^/]+", "products.productNumber.put"),
            map("POST", "/invoices/drafts", "invoices.drafts.post"),
            map("POST", "/invoices/drafts/[^/]+/lines", "invoices.drafts.draftInvoiceNumber.lines.post"),
            map("POST", "/invoices/booked", "invoices.booked.post"),
            map("POST", "/orders/drafts", "orders.drafts.post"),
            map("POST", "/orders/sent", "orders.sent.post"),
            map("POST", "/journals/[^/]+/vouchers", "journals.journalNumber.vouchers.post"));

    private final EconomicSimulator simulator;
    private final List<Violation> violations = new ArrayList<>();
    private int checked;

    private EconomicSchemaCheck(EconomicSimulator simulator) {
        this.simulator = simulator;
    }

    public static EconomicSchemaCheck attach(EconomicSimulator simulator) {
        EconomicSchemaCheck check = new EconomicSchemaCheck(simulator);
        simulator.addRequestListener(check);
        return check;
    }

    /** The schema name for a request, e.g. {@code POST /invoices/drafts/7/lines} → invoices.drafts.draftInvoiceNumber.lines.post. */
    public static Optional<String> schemaFor(String method, String path) {
        String normalized = path.length() > 1 && path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
        return MAPPINGS.stream()
                .filter(m -> m.method().equals(method.toUpperCase(Locale.ROOT)) && m.path().matcher(normalized).matches())
                .map(Mapping::schema)
                .findFirst();
    }

    @Override
    public void accept(RecordedRequest request) {
        if (!request.method().equals("POST") && !request.method().equals("PUT")) {
            return;
        }
        Optional<String> schema = schemaFor(request.method(), request.path());
        List<Violation> found = new ArrayList<>();
        if (schema.isEmpty() || !EconomicWriteRules.covers(schema.get())) {
            found.add(new Violation(request.method(), request.path(), schema.orElse(null),
                    "no transcribed e-conomic rule for this request"));
        } else {
            try {
                JsonNode body = Json.MAPPER.readTree(request.body());
                if (body == null) {
                    found.add(new Violation(request.method(), request.path(), schema.get(), "empty body"));
                } else {
                    EconomicSchemas.violations(EconomicWriteRules.schema(schema.get()), body).forEach(problem ->
                            found.add(new Violation(request.method(), request.path(), schema.get(), problem)));
                    unwritten(schema.get(), body).forEach(problem ->
                            found.add(new Violation(request.method(), request.path(), schema.get(), problem)));
                }
            } catch (JsonProcessingException e) {
                found.add(new Violation(request.method(), request.path(), schema.get(), "body is not JSON"));
            }
        }
        synchronized (this) {
            checked++;
            violations.addAll(found);
        }
    }

    /**
     * Marking an order as sent posts the order as e-conomic returned it (no schema is published for it), so the
     * read-only extras of the read are e-conomic's own and only the rules are checked.
     */
    private static List<String> unwritten(String schema, JsonNode body) {
        return schema.equals("orders.sent.post") ? List.of() : EconomicWriteRules.unwritten(schema, body);
    }

    public synchronized List<Violation> violations() {
        return List.copyOf(violations);
    }

    /** How many POST/PUT bodies were checked. */
    public synchronized int checked() {
        return checked;
    }

    public synchronized void clear() {
        violations.clear();
        checked = 0;
    }

    public void assertNoViolations() {
        List<Violation> found = violations();
        Assertions.assertThat(found)
                .as("request bodies that break e-conomic's rules (as transcribed in EconomicModels)")
                .isEmpty();
    }

    @Override
    public void close() {
        simulator.removeRequestListener(this);
    }

    private static Mapping map(String method, String regex, String schema) {
        return new Mapping(method, Pattern.compile(regex, Pattern.CASE_INSENSITIVE), schema);
    }
}
