package io.jesync.simulator.economic;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The project's transcription of e-conomic's write rules ({@link EconomicModels}), the same rules the simulator
 * enforces, named after the published schema each follows (e.g. {@code invoices.drafts.post}). Tests use it as
 * their oracle for what the runtime sends, so the default build needs nothing but the project itself.
 */
public final class EconomicWriteRules {
    private EconomicWriteRules() {
    }

    /** The schema names with a transcribed rule. */
    public static Set<String> names() {
        return new TreeSet<>(EconomicModels.BY_SCHEMA.keySet());
    }

    public static boolean covers(String schema) {
        return EconomicModels.BY_SCHEMA.containsKey(schema);
    }

    /** The transcribed rule in the vocabulary of e-conomic's draft-03 schemas, for a schema checker. */
    public static JsonNode schema(String schema) {
        return rule(schema).describe();
    }

    /** What e-conomic would reject in {@code body}, as "$.path: message" lines; empty when valid. */
    public static List<String> violations(String schema, JsonNode body) {
        return rule(schema).violations(body);
    }

    /** Properties of {@code body} e-conomic does not write: undeclared or read-only, as "$.path: why" lines. */
    public static List<String> unwritten(String schema, JsonNode body) {
        return rule(schema).unwritten(body);
    }

    private static FieldRule rule(String schema) {
        FieldRule rule = EconomicModels.BY_SCHEMA.get(schema);
        if (rule == null) {
            throw new IllegalArgumentException("no transcribed e-conomic rule for " + schema);
        }
        return rule;
    }
}
