package eu.postdesk.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** What {@code GET /api/pipeline} says: counts and the server's 250-to-outcome latency. */
record PipelineFigures(long spooled, long pending, long settled, Long latencyP50Ms, Long latencyP99Ms,
        Long latencyMaxMs, Instant firstReceivedAt, Instant lastSettledAt) {

    static PipelineFigures read(HttpClient http, String api, String token) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(api + "/api/pipeline"))
                .header("Authorization", "Bearer " + token)
                .timeout(Duration.ofSeconds(30))
                .GET().build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IOException("GET /api/pipeline answered " + response.statusCode() + ": " + response.body());
        }
        String json = response.body();
        return new PipelineFigures(number(json, "spooled"), number(json, "pending"), number(json, "settled"),
                optionalNumber(json, "latencyP50Ms"), optionalNumber(json, "latencyP99Ms"),
                optionalNumber(json, "latencyMaxMs"), instant(json, "firstReceivedAt"), instant(json, "lastSettledAt"));
    }

    private static long number(String json, String field) throws IOException {
        Long value = optionalNumber(json, field);
        if (value == null) {
            throw new IOException("GET /api/pipeline has no " + field + ": " + json);
        }
        return value;
    }

    // a flat object of numbers, strings and nulls: a pattern per field is enough, no JSON library needed
    private static Long optionalNumber(String json, String field) {
        Matcher m = Pattern.compile("\"" + field + "\"\\s*:\\s*(-?\\d+)").matcher(json);
        return m.find() ? Long.valueOf(m.group(1)) : null;
    }

    private static Instant instant(String json, String field) {
        Matcher m = Pattern.compile("\"" + field + "\"\\s*:\\s*\"([^\"]+)\"").matcher(json);
        return m.find() ? Instant.parse(m.group(1)) : null;
    }
}
