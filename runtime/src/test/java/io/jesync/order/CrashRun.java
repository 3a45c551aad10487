package io.jesync.order;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;

import org.awaitility.Awaitility;

import com.fasterxml.jackson.databind.JsonNode;

import io.jesync.cluster.ClusterSchedulingIT;
import io.jesync.json.Json;
import io.jesync.simulator.Fault;
import io.jesync.simulator.FaultRule;
import io.jesync.simulator.RecordedRequest;
import io.jesync.simulator.SimClock;
import io.jesync.simulator.economic.EconomicSimulator;
import io.jesync.simulator.norce.DemoOrderGenerator;
import io.jesync.simulator.norce.NorceModel;
import io.jesync.simulator.norce.NorceSimulator;
import io.jesync.testsupport.RuntimeProcess;
import io.jesync.testsupport.TestDatabases;
import io.jesync.testsupport.TestDatabases.Kind;

/**
 * One seeded crash run (R3–R6): the packaged jar transfers a backlog of orders to e-conomic under faults and is
 * stopped at points the seed chooses, then started again on the same store, until every order is done. The seed picks
 * the orders, the faults (10 % 500 and 5 % 429 on every e-conomic call; on draft creates also 2 % connection resets
 * and 3 % answers lost after the draft was stored) and the stop points (between 10 % and 90 % of the backlog). The
 * first stop is always a SIGKILL between e-conomic storing a draft and the runtime hearing of it, and e-conomic's
 * clock then moves past the one-hour Idempotency-Key replay window before the restart, so only the look-up by
 * reference can find that draft; the second is a SIGKILL on whatever e-conomic call comes next, with the window kept;
 * the third a SIGTERM on the next call (a graceful stop mid-batch: exit 143 within Camel's 45 s shutdown timeout, no
 * ERROR line); further ones pick kind and window at random.
 *
 * <p>Checked afterwards, by the e-conomic simulator's request journal (read through its request listener, which has
 * no size limit) and the runtime's ledger (admin API): every order has exactly one document and no reference two
 * (I1), every order is acknowledged in the ledger with the number of that document (I2), a draft create sent again
 * under the key of a stored one comes only inside the replay window on e-conomic's clock (the client's own retry of
 * an unknown outcome, answered from e-conomic's cache), never after it, every order killed between the store and the
 * answer was adopted by reference, and no secret is in any life's output (I4).
 */
final class CrashRun {
    /** e-conomic keeps an Idempotency-Key's answer for one hour (its REST documentation, "Idempotency tokens"). */
    static final Duration REPLAY_WINDOW = Duration.ofHours(1);
    // The credentials ClusterSchedulingIT.liveEnvironment gives the runtime.
    private static final String APP_SECRET = ClusterSchedulingIT.APP_SECRET;
    private static final String GRANT = ClusterSchedulingIT.GRANT;
    private static final String CLIENT_ID = ClusterSchedulingIT.CLIENT_ID;
    private static final String CLIENT_SECRET = ClusterSchedulingIT.CLIENT_SECRET;
    private static final String STORE_PASSWORD = "crash-run-store-password";
    private static final String DRAFTS = "POST /invoices/drafts";
    private static final Duration LIFE = Duration.ofMinutes(10);
    /** Camel's graceful shutdown timeout, which the runtime keeps (docs/operations.md). */
    private static final Duration SHUTDOWN_TIMEOUT = Duration.ofSeconds(45);

    enum KillAt {
        /** Inside e-conomic's handling of a draft create that stored the draft, before the answer is written. */
        STORED_UNANSWERED,
        /** On the next e-conomic call of any kind once the backlog reached the point. */
        NEXT_CALL,
        /** SIGTERM instead of SIGKILL on the next e-conomic call: a graceful stop mid-batch (R6). */
        SIGTERM
    }

    record Kill(int afterCreates, KillAt at, boolean expireWindow) {
    }

    record Plan(long seed, int orders, List<Kill> kills) {
        static Plan of(long seed, int orders, int kills) {
            Random random = new Random(seed);
            TreeSet<Integer> points = new TreeSet<>();
            int low = Math.max(1, orders / 10);
            int high = Math.max(low + kills, orders * 9 / 10);
            while (points.size() < kills) {
                points.add(low + random.nextInt(high - low));
            }
            List<Kill> plan = new ArrayList<>();
            for (int point : points) {
                int index = plan.size();
                plan.add(switch (index) {
                    case 0 -> new Kill(point, KillAt.STORED_UNANSWERED, true);
                    case 1 -> new Kill(point, KillAt.NEXT_CALL, false);
                    case 2 -> new Kill(point, KillAt.SIGTERM, random.nextBoolean());
                    default -> new Kill(point, KillAt.values()[random.nextInt(KillAt.values().length)],
                            random.nextBoolean());
                });
            }
            return new Plan(seed, orders, List.copyOf(plan));
        }
    }

    record Result(Plan plan, Kind kind, int kills, int storedCreates, int documents, int duplicates, int lost,
                  int killedAfterStore, int replays, int windowsExpired, List<Duration> stops, Map<Fault, Long> faults,
                  long seconds) {
        String line() {
            return String.format("crash: seed %d on %s: %d orders, %d kills (%d with the replay window expired), "
                            + "%d stored creates, %d documents, %d duplicates, %d lost, %d killed after the store (adopted by "
                            + "reference), %d keyed re-sends replayed inside the window, 0 after it, stopped by SIGTERM "
                            + "in %s, faults %s, %d s",
                    plan.seed(), kind, plan.orders(), kills, windowsExpired, storedCreates, documents, duplicates,
                    lost, killedAfterStore, replays, stops.stream().map(d -> d.toMillis() / 1000.0 + " s").toList(),
                    new TreeMap<>(faults), seconds);
        }
    }

    private CrashRun() {
    }

    static Result run(Path dir, Kind kind, Plan plan) throws Exception {
        SimClock shopClock = new SimClock();
        // e-conomic's own clock, so moving it past the replay window leaves the shop's tokens and order dates alone.
        SimClock economicClock = new SimClock();
        try (EconomicSimulator economic = new EconomicSimulator(0, plan.seed(), economicClock, APP_SECRET, GRANT);
             NorceSimulator norce = NorceSimulator.demo(0, plan.seed(), shopClock, CLIENT_ID, CLIENT_SECRET)) {
            economic.start();
            norce.start();
            economic.faults().configure(plan.seed(), List.of(
                    FaultRule.none("").withServerError(0.10).withRateLimited(0.05, 1),
                    FaultRule.none(DRAFTS).withServerError(0.10).withRateLimited(0.05, 1).withConnectionReset(0.02)
                            .withLostResponse(0.03)));
            DemoOrderGenerator generator = new DemoOrderGenerator(norce, DemoOrderGenerator.Settings.defaults()
                    .withSeed(plan.seed()));
            for (int i = 0; i < plan.orders(); i++) {
                norce.setOrderStatus(generator.placeOrderNow().id(), NorceModel.OrderStatus.CONFIRMED.id());
            }
            int adminPort = RuntimeProcess.freePort();
            Map<String, String> env = environment(kind, dir, adminPort, economic, norce);

            Map<String, Instant> storedAt = new ConcurrentHashMap<>();
            List<String> resentAfterWindow = new CopyOnWriteArrayList<>();
            AtomicInteger replays = new AtomicInteger();
            Set<String> killedAfterStore = ConcurrentHashMap.newKeySet();
            AtomicInteger creates = new AtomicInteger();
            AtomicInteger nextKill = new AtomicInteger();
            AtomicBoolean armed = new AtomicBoolean();
            AtomicReference<RuntimeProcess> running = new AtomicReference<>();
            AtomicReference<Instant> terminated = new AtomicReference<>();
            List<Duration> stops = new ArrayList<>();
            economic.addRequestListener(request -> {
                String key = request.headers().entrySet().stream()
                        .filter(h -> h.getKey().equalsIgnoreCase("Idempotency-Key"))
                        .flatMap(h -> h.getValue().stream()).findFirst().orElse(null);
                Instant first = key == null || !request.endpoint().equals(DRAFTS) ? null : storedAt.get(key);
                boolean stored = request.endpoint().equals(DRAFTS) && request.status() == 201 && first == null;
                if (first != null) {
                    // A re-send inside the window is e-conomic's replay; after it, it would be a second draft.
                    if (Duration.between(first, request.receivedAt()).compareTo(REPLAY_WINDOW) < 0) {
                        replays.incrementAndGet();
                    } else {
                        resentAfterWindow.add(key);
                    }
                }
                int n = stored ? creates.incrementAndGet() : creates.get();
                if (stored && key != null) {
                    storedAt.putIfAbsent(key, request.receivedAt());
                }
                int index = nextKill.get();
                if (!armed.get() || index >= plan.kills().size()) {
                    return;
                }
                Kill kill = plan.kills().get(index);
                boolean due = n >= kill.afterCreates() && (kill.at() != KillAt.STORED_UNANSWERED || stored);
                if (due && armed.compareAndSet(true, false)) {
                    if (kill.at() == KillAt.SIGTERM) {
                        terminated.set(Instant.now());
                        running.get().terminate();
                    } else {
                        if (kill.at() == KillAt.STORED_UNANSWERED) {
                            killedAfterStore.add(reference(request));
                        }
                        // Runs before the simulator answers: a stored draft's caller never hears of it.
                        running.get().kill();
                    }
                    nextKill.incrementAndGet();
                }
            });

            Instant began = Instant.now();
            int windowsExpired = 0;
            Map<String, Long> ledger;
            for (int life = 1; ; life++) {
                int killsBefore = nextKill.get();
                try (RuntimeProcess runtime = RuntimeProcess.startJar(RuntimeProcess.packagedJar(),
                        dir.resolve("life-" + life), env)) {
                    running.set(runtime);
                    armed.set(killsBefore < plan.kills().size());
                    Awaitility.await("life " + life + " of seed " + plan.seed() + " on " + kind).atMost(LIFE)
                            .pollInterval(Duration.ofMillis(200))
                            .until(() -> !runtime.isAlive() || nextKill.get() == plan.kills().size()
                                    && acknowledged(runtime, adminPort) == plan.orders());
                    assertThat(runtime.output()).as("output of life %d", life)
                            .doesNotContain(APP_SECRET, GRANT, CLIENT_SECRET, STORE_PASSWORD,
                                    RuntimeProcess.ADMIN_PASSWORD);
                    if (runtime.isAlive()) {
                        ledger = ledger(runtime, adminPort);
                        assertAdopted(runtime, adminPort, killedAfterStore);
                        break;
                    }
                    int exit = runtime.awaitExit(Duration.ofSeconds(30));
                    assertThat(nextKill.get()).as("life %d ended by a planned kill, not by itself:%n%s", life,
                            runtime.output()).isEqualTo(killsBefore + 1);
                    if (plan.kills().get(killsBefore).at() == KillAt.SIGTERM) {
                        Duration stop = Duration.between(terminated.get(), Instant.now());
                        stops.add(stop);
                        assertThat(exit).as("exit status after SIGTERM in life %d", life).isEqualTo(143);
                        assertThat(stop).as("stop after SIGTERM in life %d", life).isLessThan(SHUTDOWN_TIMEOUT);
                        assertThat(runtime.output()).as("output of life %d, stopped by SIGTERM", life)
                                .contains("JVM shutdown hook triggered by SIGTERM").doesNotContain("[ERROR]");
                    }
                    if (plan.kills().get(killsBefore).expireWindow()) {
                        economicClock.advance(REPLAY_WINDOW.plusMinutes(1));
                        windowsExpired++;
                    }
                }
            }

            Map<String, List<EconomicSimulator.DocumentView>> byReference = economic.documents().values().stream()
                    .flatMap(List::stream)
                    .collect(Collectors.groupingBy(EconomicSimulator.DocumentView::referencesOther));
            int duplicates = (int) byReference.values().stream().filter(docs -> docs.size() > 1).count();
            int lost = Math.max(0, plan.orders() - byReference.size());
            Result result = new Result(plan, kind, nextKill.get(), creates.get(), byReference.size(), duplicates, lost,
                    killedAfterStore.size(), replays.get(), windowsExpired, List.copyOf(stops), economic.faults().injectedCounts(),
                    Duration.between(began, Instant.now()).toSeconds());
            System.out.println(result.line());

            assertThat(nextKill.get()).as("every planned kill happened").isEqualTo(plan.kills().size());
            assertThat(ledger).as("every order acknowledged in the ledger").hasSize(plan.orders());
            assertThat(byReference).as("one document per order, none lost").hasSize(plan.orders());
            assertThat(duplicates).as("references with more than one document").isZero();
            byReference.forEach((reference, docs) -> assertThat(ledger.get(reference))
                    .as("the ledger's document for %s", reference).isEqualTo((long) docs.get(0).number()));
            assertThat(resentAfterWindow).as("creates sent again under a stored draft's key after the replay window")
                    .isEmpty();
            return result;
        }
    }

    private static Map<String, String> environment(Kind kind, Path dir, int adminPort, EconomicSimulator economic,
                                                   NorceSimulator norce) {
        String url = TestDatabases.freshUrl(kind, dir.resolve("store"));
        Map<String, String> env = ClusterSchedulingIT.liveEnvironment(null, adminPort, new TestDatabases.Login(url,
                kind == Kind.POSTGRESQL ? TestDatabases.POSTGRES_USER : "sa", STORE_PASSWORD), economic, norce);
        // The default instance id, the same in every life, so a restart takes up its predecessor's orders at once.
        env.remove("APP_INSTANCE_ID");
        return env;
    }

    private static String reference(RecordedRequest create) {
        try {
            return Json.MAPPER.readTree(create.body()).path("references").path("other").asText();
        } catch (Exception e) {
            throw new AssertionError("a stored draft create without a readable body: " + create.body(), e);
        }
    }

    private static int acknowledged(RuntimeProcess runtime, int adminPort) throws Exception {
        JsonNode list = orders(runtime, adminPort);
        return list == null ? -1 : list.path("count").asInt();
    }

    private static JsonNode orders(RuntimeProcess runtime, int adminPort) throws Exception {
        HttpResponse<String> response = runtime.get("http://127.0.0.1:" + adminPort
                + "/api/orders?state=ACKNOWLEDGED&limit=1000");
        return response == null || response.statusCode() != 200 ? null : Json.MAPPER.readTree(response.body());
    }

    /** The ledger's acknowledged orders: their e-conomic reference and the document number the ledger holds. */
    private static Map<String, Long> ledger(RuntimeProcess runtime, int adminPort) throws Exception {
        Map<String, Long> numbers = new HashMap<>();
        for (JsonNode order : orders(runtime, adminPort).path("orders")) {
            JsonNode detail = order(runtime, adminPort, order.path("shop").asText(), order.path("orderNo").asText());
            numbers.put(detail.path("referencesOther").asText(), detail.path("economicDocumentNumber").asLong());
        }
        return numbers;
    }

    private static JsonNode order(RuntimeProcess runtime, int adminPort, String shop, String orderNo)
            throws Exception {
        HttpResponse<String> response = runtime.get("http://127.0.0.1:" + adminPort + "/api/orders/" + shop + "/"
                + orderNo);
        assertThat(response).as("order %s/%s from the admin API", shop, orderNo).isNotNull();
        assertThat(response.statusCode()).as("order %s/%s from the admin API", shop, orderNo).isEqualTo(200);
        return Json.MAPPER.readTree(response.body());
    }

    /** Every order killed between the store and the answer has an "adopted" step: found by reference. */
    private static void assertAdopted(RuntimeProcess runtime, int adminPort, Set<String> references)
            throws Exception {
        for (String reference : references) {
            String[] parts = reference.split(":");
            JsonNode detail = order(runtime, adminPort, parts[parts.length - 2], parts[parts.length - 1]);
            List<String> steps = new ArrayList<>();
            detail.path("timeline").forEach(step -> steps.add(step.path("step").asText()));
            assertThat(steps).as("timeline of %s", reference).contains("adopted");
        }
    }
}
