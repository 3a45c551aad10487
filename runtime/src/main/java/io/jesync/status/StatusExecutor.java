package io.jesync.status;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.random.RandomGenerator;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.jesync.order.BackoffSchedule;
import io.jesync.shop.ShopOrder;
import io.jesync.shop.ShopOrderLine;
import io.jesync.shop.ShopOrderUnreadableException;
import io.jesync.shop.ShopRequestException;
import io.jesync.shop.ShopUnavailableException;
import io.jesync.order.LedgerEntry;
import io.jesync.order.OrderLedger;
import io.jesync.shop.ShopStatusPort;

/**
 * Carries out a shop's due status actions, each claimed by one worker (a lease) and finished with a version
 * check. A status older than one already set is skipped; passing failures (throttling, outages, no answer) back
 * off and retry; a refusal parks the action with the shop's reason in the order's timeline. Retrying after a
 * lost answer is safe: the shop is asked with the same note or invoice number and answers "already there".
 */
public final class StatusExecutor {
    private static final Logger LOG = LoggerFactory.getLogger(StatusExecutor.class);
    static final Duration LEASE = Duration.ofMinutes(2);
    private static final int DUE_PER_ROUND = 500;
    /** Each round runs the first open action of every order; an order rarely has more than a handful. */
    private static final int MAX_ROUNDS = 25;

    private final StatusLedger actions;
    private final OrderLedger orders;
    private final OrderLife life;
    private final ShopStatusPort shopPort;
    private final TrackingNumbers tracking;
    private final Clock clock;
    private final String owner;
    private final BackoffSchedule retry;
    private final RandomGenerator random;

    public StatusExecutor(StatusLedger actions, OrderLedger orders, OrderLife life, ShopStatusPort shopPort,
                          TrackingNumbers tracking, Clock clock, String owner, BackoffSchedule retry,
                          RandomGenerator random) {
        this.actions = actions;
        this.orders = orders;
        this.life = life;
        this.shopPort = shopPort;
        this.tracking = tracking;
        this.clock = clock;
        this.owner = owner;
        this.retry = retry;
        this.random = random;
    }

    /** How many actions one run finished in each state; {@code notClaimed} were held by another worker. */
    public record Summary(int done, int skipped, int failed, int parked, int notClaimed) {
        Summary plus(Optional<ActionState> outcome) {
            if (outcome.isEmpty()) {
                return new Summary(done, skipped, failed, parked, notClaimed + 1);
            }
            return switch (outcome.get()) {
                case DONE -> new Summary(done + 1, skipped, failed, parked, notClaimed);
                case SKIPPED -> new Summary(done, skipped + 1, failed, parked, notClaimed);
                case FAILED -> new Summary(done, skipped, failed + 1, parked, notClaimed);
                case PARKED -> new Summary(done, skipped, failed, parked + 1, notClaimed);
                case PENDING -> this;
            };
        }

        boolean settledAny(Summary before) {
            return done + skipped + parked > before.done + before.skipped + before.parked;
        }
    }

    /** Runs every due action of the shop, order by order in planned sequence, until none is due now. */
    public Summary runDue(ShopSettings shop) {
        Summary summary = new Summary(0, 0, 0, 0, 0);
        for (int round = 0; round < MAX_ROUNDS; round++) {
            List<StatusActionEntry> due = actions.due(shop.id(), DUE_PER_ROUND);
            if (due.isEmpty()) {
                break;
            }
            Summary before = summary;
            for (StatusActionEntry action : due) {
                summary = summary.plus(run(shop, action));
            }
            // Later actions of an order become due only when an earlier one settles; without that, stop.
            if (!summary.settledAny(before)) {
                break;
            }
        }
        return summary;
    }

    /** Claims and carries out one action. @return its new state, or empty when another worker holds it */
    public Optional<ActionState> run(ShopSettings shop, StatusActionEntry due) {
        Optional<StatusActionEntry> claimed = actions.claim(due.id(), owner, LEASE);
        if (claimed.isEmpty()) {
            return Optional.empty();
        }
        Work work = new Work(shop, claimed.get());
        try {
            return work.execute();
        } catch (ShopRequestException | ShopOrderUnreadableException e) {
            return work.finish(ActionState.PARKED, e.getMessage(), null, true, "parked: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return work.failed(e);
        } catch (Exception e) {
            return work.failed(e);
        }
    }

    private final class Work {
        private final ShopSettings shop;
        private final StatusActionEntry action;

        Work(ShopSettings shop, StatusActionEntry action) {
            this.shop = shop;
            this.action = action;
        }

        Optional<ActionState> execute() throws Exception {
            Optional<LedgerEntry> order = orders.find(shop.id(), action.orderNo());
            if (order.isEmpty() || order.get().economicDocumentNumber() == null) {
                String reason = "order " + action.orderNo() + " of shop " + shop.id() + " is not in the order ledger"
                        + " with an e-conomic document, so the shop cannot be told about it";
                return finish(ActionState.PARKED, reason, null, false, "parked: " + reason);
            }
            if (OrderLife.movesForward(action.action(), action.eventType())) {
                // Checked when the action runs, not when it was planned: the shop may cancel the order between the
                // two, and a retried action must not deliver or capture what was cancelled meanwhile.
                OrderLife.Standing standing = life.of(shop.id(), action.orderNo());
                if (standing.ended()) {
                    String reason = "not done: " + standing.why();
                    return finish(ActionState.SKIPPED, reason, null, false, "skipped " + label(action) + ": "
                            + standing.why());
                }
            }
            String erpOrderNo = StatusPlanner.erpOrderNo(order.get());
            return switch (action.action()) {
                case SET_STATUS -> setStatus(erpOrderNo);
                case DELIVERY_NOTE -> deliveryNote(order.get(), erpOrderNo);
                case CAPTURE -> capture(order.get(), erpOrderNo);
                case CANCEL -> cancel(order.get(), erpOrderNo);
            };
        }

        private Optional<ActionState> setStatus(String erpOrderNo) throws Exception {
            Optional<StatusActionEntry> newer = actions.actionsOf(shop.id(), action.orderNo()).stream()
                    .filter(a -> a.action() == ActionKind.SET_STATUS && a.state() == ActionState.DONE
                            && a.rank() > action.rank())
                    .max(Comparator.comparingInt(StatusActionEntry::rank));
            if (newer.isPresent()) {
                String reason = newer.get().argument() + " is already set, " + action.argument() + " is older";
                return finish(ActionState.SKIPPED, reason, null, false, "skipped: " + reason);
            }
            shopPort.setStatus(shop, new ShopStatusPort.StatusChange(action.orderNo(), erpOrderNo, action.argument()));
            return done("Norce: status set to " + action.argument());
        }

        private Optional<ActionState> deliveryNote(LedgerEntry order, String erpOrderNo) throws Exception {
            Optional<ShopOrder> snapshot = snapshot(order);
            if (snapshot.isEmpty()) {
                return parkWithoutSnapshot();
            }
            List<ShopOrderLine> lines = snapshot.get().lines().stream()
                    .filter(l -> l.kind() == ShopOrderLine.Kind.PRODUCT).toList();
            TrackingNumbers.Found found = tracking.find(shop.status().tracking(),
                    actions.eventDocument(action.eventId()).orElse(null));
            ShopStatusPort.Write write = shopPort.createDeliveryNote(shop, new ShopStatusPort.DeliveryNote(
                    action.orderNo(), erpOrderNo, action.argument(), lines, found.numbers(), snapshot.get()));
            String parcels = found.numbers().isEmpty()
                    ? " without tracking numbers (none found in " + found.lookedIn() + ")"
                    : " with tracking " + String.join(", ", found.numbers());
            return done(write == ShopStatusPort.Write.ALREADY_DONE
                    ? "Norce: delivery note " + action.argument() + " was already there (an earlier attempt got"
                    + " through without an answer)"
                    : "Norce: delivery note " + action.argument() + " created" + parcels);
        }

        private Optional<ActionState> capture(LedgerEntry order, String erpOrderNo) throws Exception {
            Optional<ShopOrder> snapshot = snapshot(order);
            if (snapshot.isEmpty()) {
                return parkWithoutSnapshot();
            }
            // No payment reference is needed: a platform that shows none (Norce) captures against its own.
            ShopOrder shopOrder = snapshot.get();
            ShopStatusPort.Write write = shopPort.createInvoice(shop, new ShopStatusPort.Capture(action.orderNo(),
                    erpOrderNo, action.argument(), shopOrder.currency(), shopOrder.lines(),
                    shopOrder.paymentReference(), shopOrder.totalIncVat(), shopOrder.paymentMethod()));
            return done(write == ShopStatusPort.Write.ALREADY_DONE
                    ? "Norce: invoice " + action.argument() + " was already there (an earlier attempt got through"
                    + " without an answer); payment captured then"
                    : "Norce: invoice " + action.argument() + " created, " + shopOrder.currency() + " "
                    + shopOrder.totalIncVat().toPlainString() + " captured");
        }

        private Optional<ActionState> cancel(LedgerEntry order, String erpOrderNo) throws Exception {
            Optional<ShopOrder> snapshot = snapshot(order);
            String paymentReference = shop.status().cancelPayment()
                    ? snapshot.map(ShopOrder::paymentReference).filter(r -> !r.isBlank()).orElse(null) : null;
            ShopStatusPort.Write write = shopPort.cancelOrder(shop, new ShopStatusPort.Cancellation(action.orderNo(),
                    erpOrderNo, paymentReference));
            String payment = paymentReference != null ? " and its payment reservation released"
                    : shop.status().cancelPayment() ? " (the shop showed no payment reference, so the reservation is"
                    + " left to the shop's payment set-up)"
                    : " (payment reservation kept: cancel-payment=false)";
            return done(write == ShopStatusPort.Write.ALREADY_DONE
                    ? "Norce: order was already cancelled" : "Norce: order cancelled" + payment);
        }

        private Optional<ShopOrder> snapshot(LedgerEntry order) throws Exception {
            return order.shopOrder() == null ? Optional.empty()
                    : Optional.of(shopPort.snapshot(shop, order.shopOrder()));
        }

        private Optional<ActionState> parkWithoutSnapshot() {
            String reason = "the shop order of " + action.orderNo() + " was not kept when it was transferred, so its"
                    + " lines and payment are unknown";
            return finish(ActionState.PARKED, reason, null, false, "parked: " + reason);
        }

        private Optional<ActionState> done(String trace) {
            return finish(ActionState.DONE, null, null, true, trace);
        }

        Optional<ActionState> failed(Exception e) {
            int attempts = action.attempts() + 1;
            String message = e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
            if (retry.exhausted(attempts)) {
                String reason = "gave up after " + attempts + " attempts: " + message;
                return finish(ActionState.PARKED, reason, null, true, "parked: " + reason);
            }
            Duration atLeast = e instanceof ShopUnavailableException unavailable
                    ? unavailable.retryAfter().orElse(Duration.ZERO) : Duration.ZERO;
            Duration wait = retry.delay(attempts, atLeast, random);
            Instant next = clock.instant().plus(wait);
            return finish(ActionState.FAILED, message, next, true, "failed: " + message + "; trying again in "
                    + Math.max(1, wait.toSeconds()) + " s");
        }

        Optional<ActionState> finish(ActionState to, String reason, Instant nextAttemptAt, boolean countAttempt,
                                     String trace) {
            Optional<StatusActionEntry> moved = actions.finish(action.id(), action.version(), to, reason,
                    nextAttemptAt, countAttempt);
            if (moved.isEmpty()) {
                // The lease ran out and another worker took the action over; its outcome is the one recorded.
                LOG.warn("Status action {} of order {}/{} was taken over before it finished", action.id(),
                        shop.id(), action.orderNo());
                return Optional.empty();
            }
            orders.appendEvent(shop.id(), action.orderNo(), "status-action", trace);
            if (to == ActionState.PARKED) {
                LOG.warn("Order {}/{}: {} parked: {}", shop.id(), action.orderNo(), label(action), reason);
            }
            return Optional.of(to);
        }
    }

    /** "delivery note 1001-D1", "status Delivered": how an action is named in logs. */
    static String label(StatusActionEntry action) {
        return switch (action.action()) {
            case SET_STATUS -> "status " + action.argument();
            case DELIVERY_NOTE -> "delivery note " + action.argument();
            case CAPTURE -> "capture (invoice " + action.argument() + ")";
            case CANCEL -> "cancellation";
        };
    }
}
