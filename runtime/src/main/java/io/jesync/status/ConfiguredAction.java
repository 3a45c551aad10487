package io.jesync.status;

import java.util.Objects;

/**
 * One action of a {@code shop.<id>.status.on.<event>} list. {@code status} is the Norce status name for
 * {@link ActionKind#SET_STATUS} and null for every other kind.
 */
public record ConfiguredAction(ActionKind kind, String status) {

    public ConfiguredAction {
        Objects.requireNonNull(kind, "kind");
        if ((kind == ActionKind.SET_STATUS) != (status != null)) {
            throw new IllegalArgumentException("a status name goes with SET_STATUS and only with it");
        }
    }

    public static ConfiguredAction of(ActionKind kind) {
        return new ConfiguredAction(kind, null);
    }

    public static ConfiguredAction setStatus(String status) {
        return new ConfiguredAction(ActionKind.SET_STATUS, status);
    }

    /** The form used in settings: {@code status:Delivered}, {@code delivery-note}, {@code capture}, {@code cancel}. */
    @Override
    public String toString() {
        return kind == ActionKind.SET_STATUS ? "status:" + status
                : kind.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }
}
