package io.jesync.config;

import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * One shop or sales channel set of the multishop runtime, as far as every package knows it: who it is and how to
 * reach it. {@code applicationIds} are the Norce applications (channels) this shop's flows read and write;
 * {@code scope} is the Norce environment name the OAuth token is requested for (playground, stage, prod).
 * {@code jobWebhookToken} is the secret the platform's "import job completed" webhook must carry; without it the
 * runtime follows its import jobs by polling alone.
 *
 * <p>Each flow package extends this with the settings records it reads (its own {@code ShopSettings} view, e.g.
 * {@code order.ShopSettings} adds {@code orders()}); {@code io.jesync.settings.ShopSettings} holds them
 * all. A shop adapter, called through a port that knows only this view, asks for a flow's record by its type with
 * {@link #flow(Class)}.
 */
public interface ShopSettings {

    enum Platform {
        NORCE;

        /** {@code shop.<id>.platform}, default norce. */
        public static Platform read(ConfigSource source, String prefix) {
            String platformName = source.get(prefix + "platform").orElse("norce");
            try {
                return valueOf(platformName.toUpperCase(Locale.ROOT).replace('-', '_'));
            } catch (IllegalArgumentException e) {
                throw new ConfigurationException(prefix + "platform", "'" + platformName + "' is not a supported "
                        + "platform (supported: norce)");
            }
        }
    }

    String id();

    Platform platform();

    URI baseUrl();

    String clientId();

    Secret clientSecret();

    String scope();

    List<Integer> applicationIds();

    Optional<Secret> jobWebhookToken();

    /** This shop's settings record of one flow, e.g. {@code flow(ProductSettings.class)}. */
    <T> T flow(Class<T> type);
}
