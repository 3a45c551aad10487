package io.jesync.product;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.jesync.json.Json;

/**
 * What an initial sync will do (or did), before it writes anything: products to create, to update with the fields
 * that differ, conflicts and invalid products. Written as JSON (for tools) and as a plain-text table (for people);
 * docs/flows/products.md describes both formats.
 */
public final class SyncReport {
    public record Update(Product product, List<Product.Change> changes) {
    }

    private final long runId;
    private final String shopId;
    private final SyncDirection direction;
    private final boolean dryRun;
    private final Instant generatedAt;
    private final int sourceCount;
    private final int targetCount;
    final List<Product> create = new ArrayList<>();
    final List<Update> update = new ArrayList<>();
    final List<ProductProblem> conflicts = new ArrayList<>();
    final List<ProductProblem> invalid = new ArrayList<>();
    int unchanged;

    SyncReport(long runId, String shopId, SyncDirection direction, boolean dryRun, Instant generatedAt,
               int sourceCount, int targetCount) {
        this.runId = runId;
        this.shopId = shopId;
        this.direction = direction;
        this.dryRun = dryRun;
        this.generatedAt = generatedAt;
        this.sourceCount = sourceCount;
        this.targetCount = targetCount;
    }

    public List<Product> create() {
        return create;
    }

    public List<Update> update() {
        return update;
    }

    public List<ProductProblem> conflicts() {
        return conflicts;
    }

    public List<ProductProblem> invalid() {
        return invalid;
    }

    public int unchanged() {
        return unchanged;
    }

    public boolean needsAPerson() {
        return !conflicts.isEmpty() || !invalid.isEmpty();
    }

    public ObjectNode counts() {
        ObjectNode counts = Json.MAPPER.createObjectNode();
        counts.put("create", create.size());
        counts.put("update", update.size());
        counts.put("unchanged", unchanged);
        counts.put("conflicts", conflicts.size());
        counts.put("invalid", invalid.size());
        return counts;
    }

    public ObjectNode toJson() {
        ObjectNode json = Json.MAPPER.createObjectNode();
        json.put("run", runId);
        json.put("shop", shopId);
        json.put("direction", direction.key());
        json.put("dryRun", dryRun);
        json.put("generatedAt", generatedAt.toString());
        json.putObject("source").put("system", direction.source().label()).put("products", sourceCount);
        json.putObject("target").put("system", target()).put("products", targetCount);
        json.set("counts", counts());
        ArrayNode creates = json.putArray("create");
        create.forEach(p -> creates.add(ProductJson.toJson(p)));
        ArrayNode updates = json.putArray("update");
        for (Update u : update) {
            ObjectNode row = updates.addObject();
            row.put("articleNumber", u.product().articleNumber());
            ArrayNode changes = row.putArray("changes");
            for (Product.Change c : u.changes()) {
                ObjectNode change = changes.addObject().put("field", c.field().key());
                change.putPOJO("from", c.from());
                change.putPOJO("to", c.to());
            }
        }
        json.set("conflicts", problems(conflicts));
        json.set("invalid", problems(invalid));
        return json;
    }

    /** A fixed-width table of every category, for a person to read before applying. */
    public String toTable() {
        StringBuilder t = new StringBuilder();
        t.append("Initial sync ").append(runId).append(", shop ").append(shopId).append(", ")
                .append(direction.source().label()).append(" -> ").append(target())
                .append(dryRun ? " (dry run: nothing written)" : "").append('\n');
        t.append("Read ").append(sourceCount).append(" products from ").append(direction.source().label())
                .append(" and ").append(targetCount).append(" from ").append(target()).append(", matched on article number.\n\n");
        t.append(String.format("%-10s %8s%n", "category", "products"));
        counts().fields().forEachRemaining(e -> t.append(String.format("%-10s %8d%n", e.getKey(), e.getValue().asInt())));
        section(t, "TO CREATE", List.of("article", "name", "price", "vat %", "active"),
                create.stream().map(p -> List.of(p.articleNumber(), String.valueOf(p.name()), str(p.salesPrice()),
                        str(p.vatRate()), String.valueOf(p.active()))).toList());
        section(t, "TO UPDATE", List.of("article", "field", "now in " + target(), "becomes"),
                update.stream().flatMap(u -> u.changes().stream().map(c -> List.of(u.product().articleNumber(),
                        c.field().key(), str(c.from()), str(c.to())))).toList());
        section(t, "CONFLICTS", List.of("article", "field", "reason"), rows(conflicts));
        section(t, "INVALID", List.of("article", "field", "reason"), rows(invalid));
        return t.toString();
    }

    /** Writes {@code initial-sync-<run>.json} and {@code .txt} into {@code folder}; returns the JSON file. */
    public Path write(Path folder) {
        try {
            Files.createDirectories(folder);
            Path json = folder.resolve("initial-sync-" + runId + ".json");
            Files.writeString(json, Json.pretty().writeValueAsString(toJson()), StandardCharsets.UTF_8);
            Files.writeString(folder.resolve("initial-sync-" + runId + ".txt"), toTable(), StandardCharsets.UTF_8);
            return json;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the initial sync report into " + folder, e);
        }
    }

    /** The summary the console prints: counts and the first few of each category needing a person. */
    public String summary(int perCategory) {
        StringBuilder s = new StringBuilder();
        s.append(direction.source().label()).append(" -> ").append(target()).append(": ")
                .append(counts().toString().replaceAll("[{}\"]", "").replace(",", ", ").replace(":", " ")).append('\n');
        for (ProductProblem p : concat(conflicts, invalid).stream().limit(perCategory).toList()) {
            s.append("  ").append(p.code()).append(": ").append(p.message()).append('\n');
        }
        return s.toString();
    }

    private String target() {
        return direction == SyncDirection.SHOP_TO_ECONOMIC ? Owner.ECONOMIC.label() : Owner.SHOP.label();
    }

    private static List<ProductProblem> concat(List<ProductProblem> a, List<ProductProblem> b) {
        List<ProductProblem> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }

    private static ArrayNode problems(List<ProductProblem> problems) {
        ArrayNode array = Json.MAPPER.createArrayNode();
        for (ProductProblem p : problems) {
            ObjectNode row = array.addObject();
            row.put("articleNumber", p.articleNumber());
            row.put("code", p.code().name());
            row.put("field", p.field());
            if (p.value() != null) {
                row.put("value", p.value());
            }
            row.put("message", p.message());
        }
        return array;
    }

    private static List<List<String>> rows(List<ProductProblem> problems) {
        return problems.stream().map(p -> List.of(p.articleNumber(), p.field(), p.message())).toList();
    }

    private static void section(StringBuilder t, String title, List<String> header, List<List<String>> rows) {
        t.append('\n').append(title).append(" (").append(rows.size()).append(")\n");
        if (rows.isEmpty()) {
            return;
        }
        int[] widths = new int[header.size()];
        for (int i = 0; i < header.size(); i++) {
            widths[i] = header.get(i).length();
        }
        for (List<String> row : rows) {
            for (int i = 0; i < row.size() - 1; i++) {
                widths[i] = Math.min(40, Math.max(widths[i], printable(row.get(i)).length()));
            }
        }
        t.append(line(header, widths)).append('\n');
        t.append(line(header.stream().map(h -> "-".repeat(h.length())).toList(), widths)).append('\n');
        rows.forEach(row -> t.append(line(row, widths)).append('\n'));
    }

    private static String line(List<String> cells, int[] widths) {
        List<String> padded = new ArrayList<>();
        for (int i = 0; i < cells.size(); i++) {
            String cell = printable(cells.get(i));
            padded.add(i == cells.size() - 1 ? cell : String.format("%-" + widths[i] + "s", cell));
        }
        return padded.stream().collect(Collectors.joining("  ")).stripTrailing();
    }

    /** Control characters (a tab in an article number) would break the table; they are shown escaped. */
    private static String printable(String text) {
        StringBuilder out = new StringBuilder();
        for (char c : (text == null ? "" : text).toCharArray()) {
            out.append(Character.isISOControl(c) ? String.format("\\u%04x", (int) c) : String.valueOf(c));
        }
        return out.toString();
    }

    private static String str(Object value) {
        if (value instanceof java.math.BigDecimal d) {
            return d.stripTrailingZeros().toPlainString();
        }
        return value == null ? "" : value.toString();
    }
}
