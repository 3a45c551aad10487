package io.jesync.status;

import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

import io.jesync.config.ConfigSource;
import io.jesync.config.ConfigurationException;
import io.jesync.config.SettingReader;
import io.jesync.order.OrderFlowSettings;
import io.jesync.shop.ShopOrderStatus;
import io.jesync.shop.ShopPlatform;
import io.jesync.shop.ShopPlatforms;

/**
 * What one shop hears back about its orders' later life in e-conomic: which events lead to which shop actions,
 * how often e-conomic is read, how long an order is watched, and where tracking numbers come from. Read from
 * {@code shop.<id>.status.*}.
 */
public record StatusFlowSettings(
        boolean enabled,
        Duration pollInterval,
        Optional<String> pollCron,
        Duration trackFor,
        Map<StatusEventType, List<ConfiguredAction>> mapping,
        boolean cancelPayment,
        Tracking tracking) {

    /** Demo mode reads e-conomic often, so a newcomer sees shipped and cancelled orders within a minute or two. */
    public static final String DEMO_POLL_INTERVAL = "15s";
    /**
     * Where the demo accountant writes a parcel's tracking number before booking (its note line "Tracking: ...");
     * the keyword keeps the shop customer code the order flow writes to the same line from being taken for one.
     */
    public static final String DEMO_TRACKING_SOURCE = "field:notes.textLine2";
    public static final String DEMO_TRACKING_PREFIX = "Tracking: ";
    static final String DEMO_TRACKING_PATTERN = "(?i)tracking:?\\s*([A-Z0-9]{8,35})";
    /** Every token of 8+ letters and digits with at least one digit, so carrier names (PostNord) are not numbers. */
    private static final String DEFAULT_TRACKING_PATTERN = "(?<![A-Za-z0-9])(?=[A-Za-z]*[0-9])[A-Za-z0-9]{8,}"
            + "(?![A-Za-z0-9])";

    public StatusFlowSettings {
        Map<StatusEventType, List<ConfiguredAction>> copy = new EnumMap<>(StatusEventType.class);
        mapping.forEach((type, actions) -> copy.put(type, List.copyOf(actions)));
        mapping = java.util.Collections.unmodifiableMap(copy);
    }

    /** The actions configured for one event type; empty when none. */
    public List<ConfiguredAction> actionsFor(StatusEventType type) {
        return mapping.getOrDefault(type, List.of());
    }

    /**
     * Where a delivery note's tracking numbers come from: nowhere, a field of the e-conomic document (dot path),
     * or a plugin route that gets the document as JSON. {@code pattern} picks the numbers out of the text found:
     * every match, its group 1 when the pattern has a group, else the whole match.
     */
    public record Tracking(Source source, String location, Pattern pattern) {
        public enum Source { NONE, FIELD, ROUTE }

        /** The numbers {@link #pattern} finds in {@code text}, in order, without repeats. */
        public List<String> numbersIn(String text) {
            List<String> numbers = new ArrayList<>();
            if (text == null) {
                return numbers;
            }
            Matcher matcher = pattern.matcher(text);
            while (matcher.find()) {
                String number = (matcher.groupCount() >= 1 ? matcher.group(1) : matcher.group());
                if (number != null && !number.isBlank() && !numbers.contains(number.strip())) {
                    numbers.add(number.strip());
                }
            }
            return numbers;
        }

        @Override
        public String toString() {
            return source == Source.NONE ? "none" : source.name().toLowerCase(Locale.ROOT) + ":" + location;
        }
    }

    /**
     * The shipped mapping (docs/flows/order-status.md). Which event means "the goods left" depends on the document
     * type: marking an order sent, or booking a draft invoice. A booked-invoice transfer books at once, before
     * anything ships, so there booking implies no delivery and no capture.
     */
    public static Map<StatusEventType, List<ConfiguredAction>> defaultMapping(OrderFlowSettings.DocumentType documentType) {
        return defaultMapping(ShopPlatforms.platform(ShopSettings.Platform.NORCE, "shop.<id>.platform"), documentType);
    }

    static Map<StatusEventType, List<ConfiguredAction>> defaultMapping(ShopPlatform platform,
                                                                      OrderFlowSettings.DocumentType documentType) {
        Map<StatusEventType, List<ConfiguredAction>> mapping = new EnumMap<>(StatusEventType.class);
        mapping.put(StatusEventType.ORDER_SENT, List.of(
                ConfiguredAction.setStatus(platform.standardStatus(ShopPlatform.StandardStatus.DELIVERED).name()),
                ConfiguredAction.of(ActionKind.DELIVERY_NOTE),
                ConfiguredAction.of(ActionKind.CAPTURE)));
        mapping.put(StatusEventType.INVOICE_BOOKED, documentType == OrderFlowSettings.DocumentType.DRAFT_INVOICE
                ? List.of(ConfiguredAction.of(ActionKind.DELIVERY_NOTE), ConfiguredAction.of(ActionKind.CAPTURE),
                        ConfiguredAction.setStatus(platform.standardStatus(ShopPlatform.StandardStatus.INVOICED).name()))
                : List.of(ConfiguredAction.setStatus(platform.standardStatus(ShopPlatform.StandardStatus.INVOICED).name())));
        mapping.put(StatusEventType.DOCUMENT_DELETED, List.of(ConfiguredAction.of(ActionKind.CANCEL)));
        return mapping;
    }

    /** Every setting at its default, switched on; for tests and tools. */
    public static StatusFlowSettings defaults() {
        return load(new ConfigSource(Map.of(), Map.of(), Map.of(), "defaults"), "default", true, false,
                OrderFlowSettings.DocumentType.DRAFT_INVOICE);
    }

    /** @param demo demo mode shows the round trip: the flow is on unless switched off, polls often, reads tracking */
    public static StatusFlowSettings load(ConfigSource source, String shopId, boolean demo,
                                   OrderFlowSettings.DocumentType documentType) {
        return load(source, shopId, demo, demo, documentType);
    }

    private static StatusFlowSettings load(ConfigSource source, String shopId, boolean enabledByDefault, boolean demo,
                                           OrderFlowSettings.DocumentType documentType) {
        String s = "shop." + shopId + ".status.";
        ShopPlatform platform = OrderFlowSettings.platform(source, shopId);
        Map<StatusEventType, List<ConfiguredAction>> defaults = defaultMapping(platform, documentType);
        Map<StatusEventType, List<ConfiguredAction>> mapping = new EnumMap<>(StatusEventType.class);
        for (StatusEventType type : StatusEventType.values()) {
            String key = s + "on." + type.key();
            Optional<String> value = source.get(key);
            List<ConfiguredAction> fallback = defaults.getOrDefault(type, List.of());
            mapping.put(type, value.isPresent() ? source.attempt(() -> actions(platform, key, value.get()), fallback) : fallback);
        }
        return new StatusFlowSettings(
                SettingReader.bool(source, s + "enabled", enabledByDefault),
                SettingReader.duration(source, s + "poll-interval", demo ? DEMO_POLL_INTERVAL : "5m"),
                SettingReader.cron(source, s + "poll-cron"),
                Duration.ofDays(SettingReader.positiveInt(source, s + "track-days", 120)),
                mapping,
                SettingReader.bool(source, s + "cancel-payment", true),
                source.attempt(() -> tracking(source, s + "tracking.", demo), null));
    }

    private static List<ConfiguredAction> actions(ShopPlatform platform, String key, String text) {
        if ("none".equalsIgnoreCase(text.strip())) {
            return List.of();
        }
        List<ConfiguredAction> actions = new ArrayList<>();
        for (String raw : text.split(",")) {
            String part = raw.strip();
            ConfiguredAction action;
            String lower = part.toLowerCase(Locale.ROOT);
            if (lower.startsWith("status:")) {
                String name = part.substring("status:".length()).strip();
                ShopOrderStatus status = platform.orderStatus(name.isEmpty() ? "-" : name)
                        .orElseThrow(() -> new ConfigurationException(key, "'" + name + "' is not an order status "
                                + "of the shop's platform (e.g. status:Delivered, status:Invoiced)"));
                action = ConfiguredAction.setStatus(status.name());
            } else {
                action = switch (lower) {
                    case "delivery-note" -> ConfiguredAction.of(ActionKind.DELIVERY_NOTE);
                    case "capture" -> ConfiguredAction.of(ActionKind.CAPTURE);
                    case "cancel" -> ConfiguredAction.of(ActionKind.CANCEL);
                    default -> throw new ConfigurationException(key, "'" + part + "' is not an action: use "
                            + "status:<Norce status>, delivery-note, capture, cancel or none");
                };
            }
            if (actions.stream().anyMatch(a -> a.kind() == action.kind() && a.kind() != ActionKind.SET_STATUS)
                    || actions.contains(action)) {
                throw new ConfigurationException(key, "'" + part + "' is listed twice");
            }
            actions.add(action);
        }
        if (actions.stream().filter(a -> a.kind() == ActionKind.SET_STATUS).count() > 1) {
            throw new ConfigurationException(key, "sets more than one status; the order can have only one");
        }
        return List.copyOf(actions);
    }

    private static Tracking tracking(ConfigSource source, String t, boolean demo) {
        // The demo's pattern belongs to the demo's source (its accountant writes "Tracking: ..."); a source of the
        // merchant's own gets the general pattern unless they name one.
        boolean demoSource = demo && source.get(t + "source").isEmpty();
        String patternText = source.get(t + "pattern").orElse(demoSource ? DEMO_TRACKING_PATTERN
                : DEFAULT_TRACKING_PATTERN);
        Pattern pattern;
        try {
            pattern = Pattern.compile(patternText);
        } catch (PatternSyntaxException e) {
            throw new ConfigurationException(t + "pattern", "'" + patternText + "' is not a regular expression: "
                    + e.getDescription());
        }
        String value = source.get(t + "source").orElse(demoSource ? DEMO_TRACKING_SOURCE : "none");
        if ("none".equalsIgnoreCase(value)) {
            return new Tracking(Tracking.Source.NONE, null, pattern);
        }
        int colon = value.indexOf(':');
        String kind = colon < 0 ? value : value.substring(0, colon).toLowerCase(Locale.ROOT);
        String location = colon < 0 ? "" : value.substring(colon + 1).strip();
        if (location.isEmpty() || !(kind.equals("field") || kind.equals("route"))) {
            throw new ConfigurationException(t + "source", "'" + value + "' is not none, field:<path in the "
                    + "e-conomic document, e.g. notes.textLine2> or route:<endpoint, e.g. direct:tracking-number>");
        }
        if (kind.equals("field") && !location.matches("[A-Za-z0-9_]+(\\.[A-Za-z0-9_]+)*")) {
            throw new ConfigurationException(t + "source", "'" + location + "' is not a dot path such as "
                    + "notes.textLine2 or references.other");
        }
        return new Tracking(kind.equals("field") ? Tracking.Source.FIELD : Tracking.Source.ROUTE, location, pattern);
    }
}
