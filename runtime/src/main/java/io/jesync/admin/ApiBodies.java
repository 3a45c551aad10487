package io.jesync.admin;

import io.swagger.v3.oas.annotations.media.Schema;

/**
 * The request bodies the admin API reads, as types only so the generated OpenAPI document can describe them; the
 * routes read the JSON themselves (the REST DSL's binding is off), so a field that is absent keeps its default.
 */
public final class ApiBodies {
    private ApiBodies() {
    }

    @Schema(description = "Why, in the operator's words; kept on the item's timeline")
    public record Reason(@Schema(example = "customer asked to cancel") String reason) {
    }

    @Schema(description = "Switches a flow's tracing; off also clears what was captured")
    public record TracingSwitch(@Schema(requiredMode = Schema.RequiredMode.REQUIRED) boolean enabled) {
    }

    @Schema(description = "One reconciliation run now")
    public record ReconcileRequest(
            @Schema(requiredMode = Schema.RequiredMode.REQUIRED, example = "se") String shop,
            @Schema(description = "The day to compare (UTC); yesterday when absent", example = "2025-03-01")
            String day,
            @Schema(description = "orders (default), stock-prices or payments", example = "orders") String kind) {
    }

    @Schema(description = "An order the flow never read, as a reconciliation finding names it")
    public record ImportRequest(
            @Schema(requiredMode = Schema.RequiredMode.REQUIRED, description = "The shop's order id")
            long platformOrderId,
            @Schema(requiredMode = Schema.RequiredMode.REQUIRED, description = "The application id it was placed in")
            String channel) {
    }

    @Schema(description = "An initial product sync; a dry run unless dryRun is false")
    public record InitialSyncRequest(
            @Schema(description = "The shop; the first configured one when absent", example = "se") String shop,
            @Schema(description = "shop-to-economic or economic-to-shop; the configured direction when absent")
            String direction,
            @Schema(description = "Report only, write nothing (default true)") Boolean dryRun) {
    }
}
