package io.jesync.simulator.norce;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;

import com.fasterxml.jackson.databind.JsonNode;

import org.junit.jupiter.api.Test;

import io.jesync.simulator.Fault;

class NorceImportJobTest extends NorceSimulatorTestSupport {
    private static final String HEADER = "{\"AccountId\":123,\"FullFile\":false}";

    /** Polls Job/Get as a client would until the job reports IsFinished; returns the last answer. */
    private JsonNode pollUntilFinished(int jobId) {
        for (int i = 0; i < 10; i++) {
            Reply reply = connectGet("/Job/Get?id=" + jobId);
            if (reply.status() == 200 && reply.json().get("IsFinished").asBoolean()) {
                return reply.json();
            }
        }
        throw new AssertionError("job " + jobId + " did not finish");
    }

    @Test
    void onhand_import_goes_through_the_life_cycle_and_ignores_unknown_skus() {
        Reply submitted = importCall("ImportOnhands", "{\"AccountId\":123,\"SkuOnhandFieldsThatAreSet\":[\"OnhandValue\"]}",
                "[{\"PartNo\":\"KAF-00001\",\"WarehouseCode\":\"MAIN\",\"LocationCode\":\"MAIN\",\"OnhandValue\":77,"
                        + "\"IncomingValue\":5},"
                        + "{\"PartNo\":\"NOPE-1\",\"WarehouseCode\":\"MAIN\",\"LocationCode\":\"MAIN\",\"OnhandValue\":3}]");
        assertThat(submitted.status()).as(submitted.raw()).isEqualTo(200);
        int jobId = submitted.json().get("JobId").asInt();
        assertThat(submitted.json().get("ValidationSummary").get("NrOfItemsInTotal").asInt()).isEqualTo(2);
        BigDecimal incomingBefore = sim.store().onhand("KAF-00001", "MAIN", "MAIN").orElseThrow().incomingValue();

        assertThat(connectGet("/Job/Get?id=" + jobId).json().get("StatusId").asInt()).isEqualTo(5);
        assertThat(connectGet("/Job/Get?id=" + jobId).json().get("StatusId").asInt()).isEqualTo(1);
        assertThat(sim.store().onhand("KAF-00001", "MAIN", "MAIN").orElseThrow().onhandValue()).isNotEqualTo("77");
        JsonNode done = connectGet("/Job/Get?id=" + jobId).json();

        assertThat(done.get("StatusId").asInt()).isEqualTo(2);
        assertThat(done.get("IsFinished").asBoolean()).isTrue();
        assertThat(done.get("Totals").asInt()).isEqualTo(2);
        assertThat(done.get("Updates").asInt()).isEqualTo(1);
        assertThat(done.get("Stop").asText()).isNotEmpty();
        assertThat(sim.store().onhand("KAF-00001", "MAIN", "MAIN").orElseThrow().onhandValue())
                .isEqualByComparingTo("77");
        assertThat(sim.store().onhand("KAF-00001", "MAIN", "MAIN").orElseThrow().incomingValue())
                .as("IncomingValue is not in the FieldsThatAreSet list").isEqualByComparingTo(incomingBefore);
        assertThat(sim.store().sku("NOPE-1")).isEmpty();
        JsonNode log = connectGet("/Job/GetLog?id=" + jobId).json();
        assertThat(log).hasSize(1);
        assertThat(log.get(0).get("SeverityId").asInt()).isEqualTo(2);
        assertThat(log.get(0).get("ImportedRow").asText()).contains("NOPE-1");
    }

    @Test
    void product_import_creates_updates_and_logs_rows_missing_manufacturer_code() {
        String body = "[{\"ManufacturerCode\":\"ACME\",\"Code\":\"P-1\",\"Cultures\":[{\"CultureCode\":\"sv-SE\","
                + "\"Name\":\"Ny termos\"}],\"Variants\":[{\"ManufacturerPartNo\":\"NEW-1\",\"Skus\":[{\"PartNo\":"
                + "\"NEW-1\",\"Status\":1,\"Type\":1,\"EanCode\":\"7350000000001\",\"VatRates\":[{\"SalesArea\":1,"
                + "\"Rate\":25.00}],\"StandardPrice\":{\"PriceSale\":199.00}}]}]},"
                + "{\"Code\":\"P-2\",\"Variants\":[{\"ManufacturerPartNo\":\"NEW-2\",\"Skus\":[{\"PartNo\":\"NEW-2\"}]}]},"
                + "{\"Cultures\":[{\"CultureCode\":\"sv-SE\",\"Name\":\"Bryggkaffe nytt namn\"}],\"Variants\":[{\"Skus\":"
                + "[{\"PartNo\":\"KAF-00001\",\"Status\":4}]}]}]";
        Reply submitted = importCall("ImportProducts", "{\"AccountId\":123,\"SkuFieldsThatAreSet\":[\"Status\"]}", body);
        int jobId = submitted.json().get("JobId").asInt();

        JsonNode done = pollUntilFinished(jobId);

        assertThat(done.get("StatusId").asInt()).isEqualTo(2);
        assertThat(done.get("Inserts").asInt()).isEqualTo(1);
        assertThat(done.get("Updates").asInt()).isEqualTo(1);
        assertThat(done.get("Fail").asInt()).isEqualTo(1);
        assertThat(sim.store().sku("NEW-1").orElseThrow().name()).isEqualTo("Ny termos");
        assertThat(sim.store().sku("NEW-1").orElseThrow().vatRate()).isEqualByComparingTo("25");
        assertThat(sim.store().price(NorceStore.PRICE_LIST_SE_B2C, "NEW-1").orElseThrow().priceSale())
                .isEqualByComparingTo("199");
        assertThat(sim.store().sku("NEW-2")).isEmpty();
        assertThat(sim.store().sku("KAF-00001").orElseThrow().statusId()).isEqualTo(4);
        JsonNode log = connectGet("/Job/GetLog?id=" + jobId).json();
        assertThat(log).anySatisfy(row -> {
            assertThat(row.get("SeverityId").asInt()).isEqualTo(3);
            assertThat(row.get("Message").asText()).contains("NEW-2").contains("ManufacturerCode");
        });
    }

    @Test
    void price_list_then_sku_prices_with_unknown_list_ignored() {
        int listJob = importCall("ImportPriceLists", "{\"AccountId\":123}", "[{\"Code\":\"B2B-EU\",\"Name\":\"B2B Europe\","
                + "\"CurrencyCode\":\"EUR\",\"IsPublic\":false}]").json().get("JobId").asInt();
        assertThat(pollUntilFinished(listJob).get("Inserts").asInt()).isEqualTo(1);

        int priceJob = importCall("ImportSkuPriceLists", "{\"AccountId\":123,\"SkuPriceListFieldsThatAreSet\":"
                + "[\"PriceSale\",\"PricePrevious\"]}", "[{\"PartNo\":\"KAF-00001\",\"PriceListCode\":\"B2B-EU\","
                + "\"PriceSale\":9.5,\"PricePrevious\":12},{\"PartNo\":\"KAF-00001\",\"PriceListCode\":\"SE-B2C\","
                + "\"PriceSale\":0},{\"PartNo\":\"KAF-00001\",\"PriceListCode\":\"NOPE\",\"PriceSale\":1}]")
                .json().get("JobId").asInt();
        BigDecimal before = sim.store().price("SE-B2C", "KAF-00001").orElseThrow().priceSale();
        JsonNode done = pollUntilFinished(priceJob);

        assertThat(done.get("Inserts").asInt()).isEqualTo(1);
        assertThat(done.get("Updates").asInt()).isEqualTo(1);
        assertThat(sim.store().price("B2B-EU", "KAF-00001").orElseThrow().priceSale()).isEqualByComparingTo("9.5");
        assertThat(sim.store().price("SE-B2C", "KAF-00001").orElseThrow().priceSale())
                .as("zero never overwrites").isEqualByComparingTo(before);
        assertThat(connectGet("/Job/GetLog?id=" + priceJob).json()).singleElement()
                .satisfies(row -> assertThat(row.get("Message").asText()).contains("NOPE"));
    }

    @Test
    void full_file_deactivates_onhand_rows_left_out() {
        int jobId = importCall("ImportOnhands", "{\"AccountId\":1,\"FullFile\":true}", "[{\"PartNo\":\"KAF-00001\","
                + "\"WarehouseCode\":\"MAIN\",\"LocationCode\":\"MAIN\",\"OnhandValue\":5}]").json().get("JobId").asInt();
        pollUntilFinished(jobId);

        assertThat(sim.store().onhand("KAF-00001", "MAIN", "MAIN").orElseThrow().isActive()).isTrue();
        assertThat(sim.store().onhand("KAF-00008", "MAIN", "MAIN").orElseThrow().isActive()).isFalse();
    }

    @Test
    void storm_connect_header_is_validated() {
        String rows = "[{\"PartNo\":\"KAF-00001\",\"WarehouseCode\":\"MAIN\",\"LocationCode\":\"MAIN\"}]";

        assertThat(importCall("ImportOnhands", null, rows).status()).isEqualTo(400);
        assertThat(importCall("ImportOnhands", "{not json", rows).status()).isEqualTo(400);
        assertThat(importCall("ImportOnhands", "{\"FullFile\":true}", rows).status()).isEqualTo(400);
        assertThat(importCall("ImportOnhands", "{\"AccountId\":\"abc\"}", rows).status()).isEqualTo(400);
        assertThat(importCall("ImportOnhands", HEADER, "{\"PartNo\":\"x\"}").status()).isEqualTo(400);
        assertThat(importCall("ImportOnhands", HEADER, rows).status()).isEqualTo(200);
    }

    @Test
    void rows_that_all_fail_validation_end_in_validation_failed() {
        int jobId = importCall("ImportOnhands", HEADER, "[{\"WarehouseCode\":\"MAIN\"}, 5]").json().get("JobId").asInt();

        JsonNode done = pollUntilFinished(jobId);

        assertThat(done.get("StatusId").asInt()).isEqualTo(4);
        assertThat(done.get("Fail").asInt()).isEqualTo(2);
        assertThat(connectGet("/Job/GetLog?id=" + jobId).json()).hasSize(2);
    }

    @Test
    void a_job_made_to_fail_changes_nothing() {
        sim.failNextJob();
        int jobId = importCall("ImportOnhands", HEADER, "[{\"PartNo\":\"KAF-00001\",\"WarehouseCode\":\"MAIN\","
                + "\"LocationCode\":\"MAIN\",\"OnhandValue\":999}]").json().get("JobId").asInt();

        JsonNode done = pollUntilFinished(jobId);

        assertThat(done.get("StatusId").asInt()).isEqualTo(3);
        assertThat(sim.store().onhand("KAF-00001", "MAIN", "MAIN").orElseThrow().onhandValue())
                .isNotEqualByComparingTo("999");
        assertThat(connectGet("/Job/Get?id=424242").status()).isEqualTo(404);
    }

    @Test
    void scripted_faults_on_job_get_do_not_advance_the_job() {
        int jobId = importCall("ImportOnhands", HEADER, "[{\"PartNo\":\"KAF-00001\",\"WarehouseCode\":\"MAIN\","
                + "\"LocationCode\":\"MAIN\",\"OnhandValue\":1}]").json().get("JobId").asInt();
        sim.faults().script("GET /commerce/connect/4.0/Job/Get", Fault.RATE_LIMITED, Fault.SERVER_ERROR);

        Reply limited = connectGet("/Job/Get?id=" + jobId);
        Reply failed = connectGet("/Job/Get?id=" + jobId);
        Reply first = connectGet("/Job/Get?id=" + jobId);

        assertThat(limited.status()).isEqualTo(429);
        assertThat(failed.status()).isEqualTo(500);
        assertThat(first.json().get("StatusId").asInt()).as("first real poll").isEqualTo(5);
        assertThat(sim.journal()).filteredOn(r -> r.endpoint().endsWith("Job/Get")).extracting(r -> r.fault())
                .containsExactly(Fault.RATE_LIMITED, Fault.SERVER_ERROR, null);
    }

    @Test
    void jobs_and_logs_are_visible_through_control_routes() {
        int jobId = importCall("ImportOnhands", HEADER, "[{\"PartNo\":\"NOPE\",\"WarehouseCode\":\"MAIN\","
                + "\"LocationCode\":\"MAIN\",\"OnhandValue\":1}]").json().get("JobId").asInt();

        Reply completed = control("POST", "norce/jobs/" + jobId + "/complete", null);
        Reply jobs = control("GET", "norce/jobs", null);

        assertThat(completed.json().get("StatusId").asInt()).isEqualTo(2);
        assertThat(jobs.json()).singleElement().satisfies(j -> {
            assertThat(j.get("Operation").asText()).isEqualTo("ImportOnhands");
            assertThat(j.get("Log")).hasSize(1);
        });
    }
}
