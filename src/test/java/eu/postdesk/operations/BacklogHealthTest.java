package eu.postdesk.operations;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import org.junit.jupiter.api.Test;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import eu.postdesk.RunningPostdesk;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Readiness turns DOWN while mail waits in the spool longer than postdesk.operations.spool-backlog-age (here: the pipeline is paused). */
class BacklogHealthTest extends RunningPostdesk {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @DynamicPropertySource
    static void pausedPipeline(DynamicPropertyRegistry registry) {
        registry.add("postdesk.pipeline.enabled", () -> "false");
        registry.add("postdesk.operations.spool-backlog-age", () -> "1s");
    }

    private HttpResponse<String> readiness() {
        try {
            return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + "/actuator/health/readiness")).build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void mailWaitingTooLongMakesTheServerNotReadyAndSaysWhere() throws Exception {
        assertThat(readiness().statusCode()).isEqualTo(200);
        deliver("backlog@customer.example", SUPPORT, mail("backlog@customer.example", "Waiting", "Nobody takes me."));

        eventually("readiness to report the backlog", () -> readiness().statusCode() == 503);
        JsonNode spool = JSON.readTree(readiness().body()).get("components").get("spool");
        assertThat(spool.get("status").asString()).isEqualTo("DOWN");
        assertThat(spool.get("details").get("waiting").asLong()).isEqualTo(1);
        assertThat(spool.get("details").get("oldestWaitingSeconds").asLong()).isGreaterThanOrEqualTo(1);
    }
}
