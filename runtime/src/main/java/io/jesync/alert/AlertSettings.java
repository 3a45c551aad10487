package io.jesync.alert;

import java.net.URI;
import java.time.Duration;
import java.util.Optional;

import io.jesync.config.ConfigSource;
import io.jesync.config.ConfigurationException;
import io.jesync.config.Secret;
import io.jesync.config.SettingReader;

/**
 * Notices to people when something needs them: an order waiting too long, a flow that stopped, the e-conomic budget
 * running out. Sent as a JSON webhook, at most one notice per kind per digest window. Read from {@code alerts.*};
 * off unless {@code alerts.webhook.url} is set.
 */
public record AlertSettings(
        Optional<URI> webhookUrl,
        Optional<Secret> webhookToken,
        Duration checkInterval,
        Duration digestWindow,
        Duration orderWait,
        int flowStoppedIntervals,
        int budgetWarnPercent) {

    public boolean enabled() {
        return webhookUrl.isPresent();
    }

    public static AlertSettings load(ConfigSource source) {
        if (source.get("alerts.email.to").isPresent()) {
            source.report(new ConfigurationException("alerts.email.to", "e-mail alerts are not available in this"
                    + " build (no SMTP library); use alerts.webhook.url, e.g. with a webhook-to-mail service"));
        }
        int percent = SettingReader.positiveInt(source, "alerts.budget-warn-percent", 80);
        if (percent > 100) {
            source.report(new ConfigurationException("alerts.budget-warn-percent", "must be 1-100, got " + percent));
        }
        return new AlertSettings(
                SettingReader.url(source, "alerts.webhook.url", false),
                source.secret("alerts.webhook.token"),
                Duration.ofSeconds(SettingReader.positiveInt(source, "alerts.check-interval-seconds", 60)),
                Duration.ofMinutes(SettingReader.positiveInt(source, "alerts.digest-minutes", 60)),
                Duration.ofMinutes(SettingReader.positiveInt(source, "alerts.order-wait-minutes", 120)),
                SettingReader.positiveInt(source, "alerts.flow-stopped-intervals", 3),
                percent);
    }
}
