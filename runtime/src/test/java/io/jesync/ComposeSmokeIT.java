package io.jesync;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * {@code docker/compose.yaml} as documented: {@code docker/compose-smoke.sh} brings up both instances and PostgreSQL
 * and checks they form one cluster. Where Docker is not available the script says so and this test is reported as
 * skipped with that notice.
 */
@Tag("harness")
class ComposeSmokeIT {

    @Test
    void compose_brings_up_two_instances_that_see_each_other_on_one_postgresql() throws IOException,
            InterruptedException {
        Process script = new ProcessBuilder("bash", Path.of("docker", "compose-smoke.sh").toString())
                .redirectErrorStream(true).start();
        String output = new String(script.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(script.waitFor(1, TimeUnit.MINUTES)).as("compose smoke test finished").isTrue();
        System.out.println(output);
        Assumptions.assumeFalse(output.startsWith("SKIPPED:"), output.strip());
        assertThat(script.exitValue()).as(output).isZero();
        assertThat(output).contains("OK: two instances on one PostgreSQL");
    }
}
