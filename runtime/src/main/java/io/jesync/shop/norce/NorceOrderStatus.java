package io.jesync.shop.norce;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * Norce's order statuses (Connect's OrderStatus enum; Query's StatusId uses the same numbers), so merchants can
 * name trigger statuses ("Confirmed") instead of remembering ids.
 */
public enum NorceOrderStatus {
    CREATED(0), ALLOCATION(1), CONFIRMED(2), BACK_ORDER(3), DELIVERED(4), INVOICED(5), CANCELLED(6),
    CREDIT_CONTROL(7), PARTLY_DELIVERED(8), ACKNOWLEDGED(9), ERP_CONFIRMED(10), READY_FOR_PICKUP(11), PICKED_UP(12),
    NOT_PICKED_UP(13), ON_HOLD(14), WAITING_FOR_CANCEL(15), WAITING_FOR_ON_HOLD_REMOVED(16), CANCEL_ERROR(17),
    ACKNOWLEDGEMENT_ERROR(18), READY_FOR_RESERVATION(19), RESERVED(20);

    private final int id;

    NorceOrderStatus(int id) {
        this.id = id;
    }

    public int id() {
        return id;
    }

    /** The name Connect accepts, e.g. "ErpConfirmed". */
    public String wireName() {
        StringBuilder name = new StringBuilder();
        for (String part : name().split("_")) {
            name.append(part.charAt(0)).append(part.substring(1).toLowerCase(Locale.ROOT));
        }
        return name.toString();
    }

    /** Accepts an id ("2"), a wire name ("ErpConfirmed") or a constant name ("ERP_CONFIRMED"), any case. */
    public static Optional<NorceOrderStatus> parse(String text) {
        String value = text.strip();
        if (value.matches("\\d+")) {
            int wanted = Integer.parseInt(value);
            return Arrays.stream(values()).filter(s -> s.id == wanted).findFirst();
        }
        String normalised = value.replace("_", "").replace("-", "").replace(" ", "").toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(s -> s.wireName().toLowerCase(Locale.ROOT).equals(normalised))
                .findFirst();
    }
}
