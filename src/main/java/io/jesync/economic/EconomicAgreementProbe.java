package io.jesync.economic;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.jesync.config.EconomicSettings;

/**
 * Checks the e-conomic tokens with {@code GET /self}, the cheapest authenticated call, and reports what the
 * agreement is (number, company, base currency, whether the inventory module is on).
 */
public final class EconomicAgreementProbe {
    public record Agreement(long agreementNumber, String companyName, String baseCurrency, boolean inventoryModule) {
    }

    private final EconomicSettings settings;
    private final HttpClient http;
    private final ObjectMapper mapper = new ObjectMapper();

    public EconomicAgreementProbe(EconomicSettings settings, HttpClient http) {
        this.settings = settings;
        this.http = http;
    }

    public Agreement self() throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(settings.baseUrl() + "/self"))
                .timeout(settings.readTimeout())
                .header("X-AppSecretToken", settings.appSecretToken().reveal())
                .header("X-AgreementGrantToken", settings.agreementGrantToken().reveal())
                .header("Accept", "application/json")
                .GET()
                .build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() == 401 || response.statusCode() == 403) {
            throw new IOException("e-conomic refused the tokens (HTTP " + response.statusCode() + "): ask the "
                    + "agreement's administrator to grant the app again, then update the tokens");
        }
        if (response.statusCode() != 200) {
            throw new IOException("e-conomic answered HTTP " + response.statusCode() + " to GET /self");
        }
        JsonNode self = mapper.readTree(response.body());
        boolean inventory = false;
        for (JsonNode module : self.path("modules")) {
            if (module.path("name").asText("").toLowerCase(java.util.Locale.ROOT).contains("lager")
                    || module.path("name").asText("").toLowerCase(java.util.Locale.ROOT).contains("inventory")) {
                inventory = true;
            }
        }
        return new Agreement(self.path("agreementNumber").asLong(), self.path("company").path("name").asText(""),
                self.path("settings").path("baseCurrency").asText(""), inventory);
    }
}
