package io.jesync.simulator.norce;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.HashSet;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.jesync.simulator.Json;
import io.jesync.simulator.SimRequest;
import io.jesync.simulator.SimResponse;
import io.jesync.simulator.SimulatorException;
import io.jesync.simulator.norce.NorceModel.JobStatus;

/**
 * Connect's asynchronous imports and the Job service that follows them. A job moves one step per
 * {@code Job/Get} poll (Queued, Validating, Initialized, then Succeeded or Failed, or Validation failed when no
 * row passed validation), so a client's polling loop is exercised without wall-clock waits; the import's effect
 * lands in the store on the step to Succeeded.
 */
final class NorceJobs {
    static final String HEADER = "X-StormConnect-Header";
    /** The simulated tenant's {@code ClientId} in the events it posts (any number: the runtime does not read it). */
    static final int SIMULATED_CLIENT_ID = 1021;

    /** The import endpoints and the rows each one validates up front. */
    enum ImportKind {
        PRODUCTS("Product", "ImportProducts", null), SKU_PRICE_LISTS("Product", "ImportSkuPriceLists", "PartNo"),
        PRICE_LISTS("Product", "ImportPriceLists", "Code"), ONHANDS("Product", "ImportOnhands", "PartNo"),
        CUSTOMERS("Customer", "ImportCustomers", "Code");

        /** The Connect service the endpoint lives under: {@code /Product/...} or {@code /Customer/...}. */
        final String service;
        final String operation;
        final String requiredKey;

        ImportKind(String service, String operation, String requiredKey) {
            this.service = service;
            this.operation = operation;
            this.requiredKey = requiredKey;
        }
    }

    record LogEntry(int severityId, String message, Instant timeStamp, String importedRow) {
        static final int INFO = 1;
        static final int WARN = 2;
        static final int ERROR = 3;
    }

    /** Mutable job state; only touched while holding the {@link NorceJobs} lock. */
    static final class Job {
        final int id;
        final ImportKind kind;
        final JsonNode header;
        final List<JsonNode> rows;
        final int validationFailures;
        final Instant start;
        final List<LogEntry> log = new ArrayList<>();
        JobStatus status = JobStatus.QUEUED;
        boolean forceFailure;
        int inserts;
        int updates;
        int fail;
        Instant stop;
        Instant lastUpdated;

        Job(int id, ImportKind kind, JsonNode header, List<JsonNode> rows, int validationFailures, Instant start) {
            this.id = id;
            this.kind = kind;
            this.header = header;
            this.rows = rows;
            this.validationFailures = validationFailures;
            this.start = start;
            this.lastUpdated = start;
        }
    }

    private final NorceStore store;
    private final Map<Integer, Job> jobs = new LinkedHashMap<>();
    private int nextJobId = 5001;
    private boolean failNext;
    /** Where the Job service answers: {@code Job/} (the default) or {@code api/Job/} (the Storm-era path). */
    private String jobPathPrefix = "Job/";
    /** The member name of the insert count: the contract's {@code Inserts} or the docs' sample {@code Insert}. */
    private String insertsName = "Inserts";
    private final Map<String, String> rejectedPartNos = new java.util.concurrent.ConcurrentHashMap<>();
    /**
     * Where the tenant's {@code JobCompletedEvent} subscription posts, as set up in Norce's admin; none by default.
     * With one, a job runs to its end on its own right after it was queued instead of one step per poll.
     */
    private java.net.URI jobEventUrl;
    private final List<ObjectNode> jobEventsSent = new ArrayList<>();
    private java.util.concurrent.ExecutorService jobEventSender;
    private final java.net.http.HttpClient eventClient = java.net.http.HttpClient.newHttpClient();

    NorceJobs(NorceStore store) {
        this.store = store;
    }

    void rejectPartNo(String partNo, String message) {
        rejectedPartNos.put(partNo, message);
    }

    Map<String, String> rejectedPartNos() {
        return rejectedPartNos;
    }

    synchronized void reset() {
        rejectedPartNos.clear();
        jobs.clear();
        nextJobId = 5001;
        failNext = false;
        jobPathPrefix = "Job/";
        insertsName = "Inserts";
        jobEventUrl = null;
        jobEventsSent.clear();
    }

    synchronized void sendJobEventsTo(java.net.URI url) {
        jobEventUrl = url;
        if (jobEventSender == null) {
            jobEventSender = java.util.concurrent.Executors.newSingleThreadExecutor(r -> {
                Thread t = new Thread(r, "norce-sim-job-events");
                t.setDaemon(true);
                return t;
            });
        }
    }

    /** The events the subscription delivered (answered 2xx), oldest first. */
    synchronized List<ObjectNode> jobEventsSent() {
        return List.copyOf(jobEventsSent);
    }

    SimResponse submit(ImportKind kind, SimRequest request) {
        JsonNode header = parseHeader(request.header(HEADER).orElse(null));
        List<String> headerProblems = NorceImportContract.headerProblems(kind, header);
        if (!headerProblems.isEmpty()) {
            throw rejected(String.join("; ", headerProblems));
        }
        JsonNode body = request.json();
        if (body == null || !body.isArray()) {
            throw rejected("The body must be a JSON array of " + kind.operation.substring(6) + ".");
        }
        List<JsonNode> rows = new ArrayList<>();
        List<String> messages = new ArrayList<>();
        Set<Integer> invalidRows = new HashSet<>();
        int failures = 0;
        for (JsonNode row : body) {
            rows.add(row);
            if (!row.isObject()) {
                failures++;
                messages.add("Row " + rows.size() + " is not an object.");
            } else if (kind.requiredKey != null && NorceJson.text(row, kind.requiredKey) == null) {
                failures++;
                messages.add("Row " + rows.size() + " has no " + kind.requiredKey + ".");
            } else {
                List<String> problems = NorceImportContract.rowProblems(kind, row);
                if (!problems.isEmpty()) {
                    failures++;
                    invalidRows.add(rows.size() - 1);
                    messages.add("Row " + rows.size() + ": " + String.join("; ", problems) + ".");
                }
            }
        }
        Job job;
        synchronized (this) {
            List<JsonNode> valid = new ArrayList<>();
            for (int i = 0; i < rows.size(); i++) {
                // A row the contract does not describe fails validation and is not imported.
                valid.add(invalidRows.contains(i) ? Json.MAPPER.getNodeFactory().textNode("invalid") : rows.get(i));
            }
            job = new Job(nextJobId++, kind, header, List.copyOf(valid), failures, store.now());
            job.forceFailure = failNext;
            failNext = false;
            messages.forEach(m -> job.log.add(new LogEntry(LogEntry.ERROR, m, job.start, null)));
            jobs.put(job.id, job);
        }
        synchronized (this) {
            if (jobEventUrl != null) {
                java.net.URI url = jobEventUrl;
                jobEventSender.execute(() -> finishAndNotify(job.id, url));
            }
        }
        ObjectNode response = Json.object();
        response.put("StatusCode", "OK");
        response.put("Description", kind.operation + " queued as job " + job.id);
        response.put("JobId", job.id);
        ObjectNode summary = response.putObject("ValidationSummary");
        summary.put("NrOfItemsInTotal", rows.size());
        summary.put("NrOfValidationFailures", failures);
        ArrayNode list = summary.putArray("Messages");
        messages.forEach(list::add);
        return SimResponse.json(200, response);
    }

    /** The header must be one line of JSON carrying the integration's AccountId, as Connect requires. */
    private static JsonNode parseHeader(String raw) {
        if (raw == null || raw.isBlank()) {
            throw rejected("The " + HEADER + " header is required.");
        }
        if (raw.contains("\n") || raw.contains("\r")) {
            throw rejected("The " + HEADER + " header must be JSON on a single line.");
        }
        JsonNode header;
        try {
            header = Json.MAPPER.readTree(raw);
        } catch (java.io.IOException e) {
            throw rejected("The " + HEADER + " header is not valid JSON.");
        }
        JsonNode account = NorceJson.field(header, "AccountId");
        if (!header.isObject() || !account.canConvertToInt() || !account.isIntegralNumber() || account.asInt() <= 0) {
            throw rejected("The " + HEADER + " header needs a positive integer AccountId.");
        }
        return header;
    }

    synchronized void jobPathPrefix(String prefix) {
        jobPathPrefix = prefix;
    }

    synchronized void insertsName(String name) {
        insertsName = name;
    }

    /** The Job service on {@code prefix}; on the other candidate path the host has no such resource. */
    SimResponse get(String prefix, SimRequest request) {
        synchronized (this) {
            if (!prefix.equals(jobPathPrefix)) {
                return SimResponse.json(404, Json.object().put("message", "No resource at " + request.path()));
            }
            return get(request);
        }
    }

    SimResponse getLog(String prefix, SimRequest request) {
        synchronized (this) {
            if (!prefix.equals(jobPathPrefix)) {
                return SimResponse.json(404, Json.object().put("message", "No resource at " + request.path()));
            }
            return getLog(request);
        }
    }

    private SimResponse get(SimRequest request) {
        synchronized (this) {
            Job job = job(request);
            advance(job);
            return SimResponse.json(200, view(job));
        }
    }

    private SimResponse getLog(SimRequest request) {
        synchronized (this) {
            return SimResponse.json(200, logView(job(request)));
        }
    }

    private Job job(SimRequest request) {
        String id = request.queryParamIgnoreCase("id").orElseThrow(() -> rejected("The id parameter is required."));
        try {
            Job job = jobs.get(Integer.parseInt(id.trim()));
            if (job == null) {
                ObjectNode body = Json.object();
                body.put("StatusCode", "Failed");
                body.put("Description", "Job " + id + " was not found.");
                throw new SimulatorException(SimResponse.json(404, body));
            }
            return job;
        } catch (NumberFormatException e) {
            throw rejected("The id parameter must be an integer.");
        }
    }

    /** One life-cycle step; the store lock is taken inside so import effects and polls never interleave. */
    private void advance(Job job) {
        Instant now = store.now();
        switch (job.status) {
            case QUEUED -> job.status = JobStatus.VALIDATING;
            case VALIDATING -> {
                if (!job.rows.isEmpty() && job.validationFailures == job.rows.size()) {
                    job.status = JobStatus.VALIDATION_FAILED;
                    job.fail = job.rows.size();
                    job.stop = now;
                } else {
                    job.status = JobStatus.INITIALIZED;
                }
            }
            case INITIALIZED -> {
                if (job.forceFailure) {
                    job.status = JobStatus.FAILED;
                    job.log.add(new LogEntry(LogEntry.ERROR, "The import failed; nothing was changed.", now, null));
                } else {
                    NorceImports.apply(store, job, now, rejectedPartNos);
                    job.status = JobStatus.SUCCEEDED;
                }
                job.stop = now;
            }
            default -> {
                return;
            }
        }
        job.lastUpdated = now;
    }

    synchronized Optional<ObjectNode> jobView(int id) {
        Job job = jobs.get(id);
        return job == null ? Optional.empty() : Optional.of(view(job));
    }

    synchronized ArrayNode jobsView() {
        ArrayNode all = Json.array();
        for (Job job : jobs.values()) {
            ObjectNode v = view(job);
            v.put("Operation", job.kind.operation);
            v.set("Log", logView(job));
            all.add(v);
        }
        return all;
    }

    /** Runs the job to its end as if polled until finished; for tests and the control API. */
    synchronized Optional<ObjectNode> complete(int id) {
        Job job = jobs.get(id);
        if (job == null) {
            return Optional.empty();
        }
        while (!job.status.finished()) {
            advance(job);
        }
        return Optional.of(view(job));
    }

    /**
     * Ends the job and posts its {@code JobCompletedEvent} ({@code ClientId}, {@code JobId}, {@code StatusId}; the
     * optional {@code ApplicationId} is left out, as an import job belongs to no application). Norce retries an
     * event answered with a 5xx without saying how often or when; the simulator tries three times in a row.
     */
    private void finishAndNotify(int jobId, java.net.URI url) {
        ObjectNode event = Json.object();
        synchronized (this) {
            Optional<ObjectNode> finished = complete(jobId);
            if (finished.isEmpty()) {
                return;
            }
            event.put("ClientId", SIMULATED_CLIENT_ID);
            event.put("JobId", jobId);
            event.put("StatusId", finished.get().path("StatusId").asInt());
        }
        for (int attempt = 0; attempt < 3; attempt++) {
            try {
                int status = eventClient.send(java.net.http.HttpRequest.newBuilder(url)
                        .header("Content-Type", "application/json")
                        .POST(java.net.http.HttpRequest.BodyPublishers.ofString(event.toString())).build(),
                        java.net.http.HttpResponse.BodyHandlers.discarding()).statusCode();
                if (status / 100 == 2) {
                    synchronized (this) {
                        jobEventsSent.add(event);
                    }
                    return;
                }
                if (status < 500) {
                    return;
                }
            } catch (java.io.IOException unreachable) {
                // Like a 5xx: tried again.
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    synchronized void failNextJob() {
        failNext = true;
    }

    synchronized boolean failJob(int id) {
        Job job = jobs.get(id);
        if (job == null || job.status.finished()) {
            return false;
        }
        job.forceFailure = true;
        return true;
    }

    private ObjectNode view(Job job) {
        ObjectNode n = Json.object();
        n.put("JobId", job.id);
        n.put("StatusId", job.status.id());
        n.put("IsFinished", job.status.finished());
        n.put("Totals", job.rows.size());
        n.put(insertsName, job.inserts);
        n.put("Updates", job.updates);
        n.put("Fail", job.fail);
        n.put("Start", NorceJson.time(job.start));
        n.put("Stop", NorceJson.time(job.stop));
        Duration runTime = Duration.between(job.start, job.stop != null ? job.stop : job.lastUpdated);
        n.put("RunTime", String.format("%02d:%02d:%02d", runTime.toHours(), runTime.toMinutesPart(),
                runTime.toSecondsPart()));
        n.putNull("StorageName");
        n.put("LastUpdated", NorceJson.time(job.lastUpdated));
        return n;
    }

    private static ArrayNode logView(Job job) {
        ArrayNode rows = Json.array();
        for (LogEntry e : job.log) {
            ObjectNode n = rows.addObject();
            n.put("SeverityId", e.severityId());
            n.put("Message", e.message());
            n.put("TimeStamp", NorceJson.time(e.timeStamp()));
            n.put("ImportedRow", e.importedRow());
        }
        return rows;
    }

    static SimulatorException rejected(String description) {
        ObjectNode body = Json.object();
        body.put("StatusCode", "Failed");
        body.put("Description", description);
        body.put("JobId", 0);
        return new SimulatorException(SimResponse.json(400, body));
    }
}
