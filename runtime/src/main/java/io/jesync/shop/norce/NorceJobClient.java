package io.jesync.shop.norce;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.jesync.config.ShopSettings;

/**
 * Connect 4.0's asynchronous imports and the Job service that follows them, shared by the product, stock and price
 * writers. Norce documents the Job service only on the old Storm host ({@code …/4.0/api/Job/Get}); on Norce
 * Commerce hosts the path is unverified, so {@code Job/Get} is tried first and {@code api/Job/Get} after a 404, and
 * whichever answered is remembered per host (docs/norce-adapter.md, "Catalogue side").
 */
final class NorceJobClient {
    static final String CONNECT = "/commerce/connect/4.0/";
    static final String HEADER = "X-StormConnect-Header";
    private static final List<String> JOB_PATHS = List.of("Job/", "api/Job/");

    /** Job status ids of Connect's JobDto and JobCompletedEvent. */
    static final int INITIALIZED = 1;
    static final int SUCCEEDED = 2;
    static final int FAILED = 3;
    static final int VALIDATION_FAILED = 4;
    static final int VALIDATING = 5;
    static final int QUEUED = 6;
    static final int SEVERITY_WARNING = 2;
    static final int SEVERITY_ERROR = 3;

    /** Job/Get's answer. The contract names the insert count {@code Inserts}, the docs' sample {@code Insert}. */
    record JobState(long jobId, int statusId, boolean finished, int inserts, int updates, int fail) {
        static JobState of(long jobId, JsonNode job) {
            int status = job.path("StatusId").asInt();
            boolean ended = job.path("IsFinished").asBoolean(false)
                    || status == SUCCEEDED || status == FAILED || status == VALIDATION_FAILED;
            JsonNode inserts = job.hasNonNull("Inserts") ? job.get("Inserts") : job.path("Insert");
            return new JobState(jobId, status, ended, inserts.asInt(), job.path("Updates").asInt(),
                    job.path("Fail").asInt());
        }

        boolean succeeded() {
            return statusId == SUCCEEDED;
        }
    }

    /** One Job/GetLog row; {@code importedRow} is the row as imported (JSON text) when Norce names one. */
    record LogEntry(int severityId, String message, String importedRow) {
    }

    private final NorceConnection connection;
    /** Host to the Job path prefix that answered there. */
    private final Map<String, String> jobPaths = new ConcurrentHashMap<>();

    NorceJobClient(NorceConnection connection) {
        this.connection = connection;
    }

    /**
     * Posts one import and returns its job id. The header carries only Connect's documented members; a refusal
     * (no JobId, StatusCode Failed) is permanent.
     */
    long submit(ShopSettings shop, String operation, ObjectNode header, ArrayNode body, String what)
            throws IOException, InterruptedException {
        URI uri = URI.create(shop.baseUrl() + CONNECT + operation);
        String json = body.toString();
        String headerJson = header.toString();
        HttpResponse<String> response = connection.send(shop, what, token -> HttpRequest.newBuilder(uri)
                .timeout(connection.timeout())
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                .header("Accept", "application/json")
                .header(HEADER, headerJson)
                .POST(HttpRequest.BodyPublishers.ofString(json))
                .build());
        JsonNode answer = connection.json(response.body());
        // JobResponse.JobId is a string in the contract and a number in the docs' samples.
        String jobId = answer.path("JobId").asText("");
        if ("Failed".equalsIgnoreCase(answer.path("StatusCode").asText()) || !jobId.matches("\\d{1,18}")
                || Long.parseLong(jobId) == 0) {
            throw new NorceRequestException(what + " started no job: " + answer.path("Description").asText(
                    answer.toString()), response.statusCode());
        }
        return Long.parseLong(jobId);
    }

    /** Whether this shop's host has answered on one of the Job paths, so a 404 there means an unknown job. */
    boolean knowsJobPath(ShopSettings shop) {
        return jobPaths.containsKey(shop.baseUrl().getAuthority());
    }

    JobState job(ShopSettings shop, long jobId) throws IOException, InterruptedException {
        return JobState.of(jobId, jobCall(shop, "Get?id=" + jobId, "Norce job " + jobId + " of shop " + shop.id()));
    }

    List<LogEntry> log(ShopSettings shop, long jobId) throws IOException, InterruptedException {
        List<LogEntry> entries = new ArrayList<>();
        for (JsonNode row : jobCall(shop, "GetLog?id=" + jobId, "the log of Norce job " + jobId + " of shop "
                + shop.id())) {
            entries.add(new LogEntry(row.path("SeverityId").asInt(), row.path("Message").asText(""),
                    row.hasNonNull("ImportedRow") ? row.get("ImportedRow").asText() : null));
        }
        return entries;
    }

    /**
     * A Job service call on the path this host answered before, or on each candidate path in turn. A 404 on a
     * known path means the job is unknown there and is passed on as such.
     */
    private JsonNode jobCall(ShopSettings shop, String operation, String what) throws IOException,
            InterruptedException {
        String host = shop.baseUrl().getAuthority();
        String known = jobPaths.get(host);
        if (known != null) {
            return get(shop, known + operation, what);
        }
        NorceRequestException notFound = null;
        for (String prefix : JOB_PATHS) {
            try {
                JsonNode answer = get(shop, prefix + operation, what);
                jobPaths.put(host, prefix);
                return answer;
            } catch (NorceRequestException e) {
                if (e.status() != 404) {
                    throw e;
                }
                notFound = e;
            }
        }
        throw new NorceRequestException(what + ": neither " + CONNECT + "Job/ nor " + CONNECT + "api/Job/ knows it ("
                + notFound.getMessage() + ")", 404);
    }

    private JsonNode get(ShopSettings shop, String pathAndQuery, String what) throws IOException, InterruptedException {
        URI uri = URI.create(shop.baseUrl() + CONNECT + pathAndQuery);
        HttpResponse<String> response = connection.send(shop, what, token -> HttpRequest.newBuilder(uri)
                .timeout(connection.timeout())
                .header("Authorization", "Bearer " + token)
                .header("Accept", "application/json")
                .GET()
                .build());
        return connection.json(response.body());
    }

    /** The header members every import shares: the integration's system account, and never a full file. */
    static ObjectNode header(NorceConnection connection, int accountId, boolean fullFileHeader) {
        ObjectNode header = connection.mapper().createObjectNode();
        header.put("AccountId", accountId);
        if (fullFileHeader) {
            // FullFile=true deactivates everything the file leaves out; the runtime always sends a part.
            header.put("FullFile", false);
        }
        return header;
    }
}
