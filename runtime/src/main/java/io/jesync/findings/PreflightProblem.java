package io.jesync.findings;

import java.util.List;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * One thing the preflight found wrong, said the way a merchant fixes it: the setting (or remote field) as written,
 * its value, what the tenant has instead, and what to do.
 *
 * @param kind    a {@link Kind#MISMATCH} blocks the flows named; {@link Kind#UNREACHABLE} means the check could not
 *                look (the flows keep running and retry on their own)
 * @param shopId  the shop whose settings or tenant it concerns
 * @param flows   the flows that cannot work while it stands
 * @param setting the setting key ({@code shop.se.orders.layout-number}) or the remote name ({@code Norce Query
 *                Orders/Orders.PaymentMethodId}) at fault
 * @param value   the setting's value; null for a remote field
 * @param source  where the tenant's answer came from ({@code e-conomic GET /layouts})
 * @param problem what is wrong, with what exists instead
 * @param fix     what to do about it
 */
public record PreflightProblem(Kind kind, String shopId, List<SyncFlow> flows, String setting, String value,
                               String source, String problem, String fix) {

    public enum Kind { MISMATCH, UNREACHABLE }

    public PreflightProblem {
        flows = List.copyOf(flows);
    }

    public static PreflightProblem mismatch(String shopId, List<SyncFlow> flows, String setting, Object value,
                                            String source, String problem, String fix) {
        return new PreflightProblem(Kind.MISMATCH, shopId, flows, setting, value == null ? null : value.toString(),
                source, problem, fix);
    }

    /** The one line a merchant reads: {@code setting=value: problem — fix}. */
    public String line() {
        return setting + (value == null ? "" : "=" + value) + ": " + problem + " — " + fix;
    }

    public ObjectNode toJson(ObjectMapper mapper, boolean flowOn) {
        ObjectNode node = mapper.createObjectNode();
        node.put("kind", kind.name());
        node.put("shop", shopId);
        ArrayNode names = node.putArray("flows");
        flows.forEach(flow -> names.add(flow.key()));
        node.put("blocksRunningFlow", flowOn);
        node.put("setting", setting);
        node.put("value", value);
        node.put("source", source);
        node.put("problem", problem);
        node.put("fix", fix);
        node.put("line", line());
        return node;
    }
}
