package io.jesync.reconcile;

import java.util.Map;

import org.quartz.CronExpression;

import io.jesync.config.ConfigSource;
import io.jesync.config.ConfigurationException;
import io.jesync.config.SettingReader;

/**
 * When a shop's day is reconciled on schedule (yesterday, in the shop's time zone). Read from
 * {@code shop.<id>.reconciliation.*}; on demand it runs any time through the admin API.
 */
public record ReconciliationSettings(boolean enabled, String cron) {

    public static ReconciliationSettings defaults() {
        return load(new ConfigSource(Map.of(), Map.of(), Map.of(), "defaults"), "default");
    }

    public static ReconciliationSettings load(ConfigSource source, String shopId) {
        String r = "shop." + shopId + ".reconciliation.";
        String cron = source.get(r + "cron").orElse("0 30 5 * * ?");
        if (!CronExpression.isValidExpression(cron)) {
            source.report(new ConfigurationException(r + "cron", "'" + cron + "' is not a Quartz cron expression"
                    + " (e.g. 0 30 5 * * ? for 05:30 every day)"));
        }
        return new ReconciliationSettings(SettingReader.bool(source, r + "enabled", true), cron);
    }
}
