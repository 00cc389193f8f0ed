package eu.postdesk.operations;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import picocli.CommandLine;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** How a command reaches the running server: its API's address and an admin token (options, or POSTDESK_URL / POSTDESK_TOKEN). */
final class ServerApi {
    static final JsonMapper JSON = JsonMapper.builder().build();

    @CommandLine.Option(names = "--url", paramLabel = "URL", description = "the server's API (default: $POSTDESK_URL, else http://127.0.0.1:8080)")
    String url;

    @CommandLine.Option(names = "--token", paramLabel = "TOKEN", description = "an admin API token (default: $POSTDESK_TOKEN)")
    String token;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    /** A refusal or failure of the server, with its status and the message it gave. */
    static final class Refused extends RuntimeException {
        Refused(String message) {
            super(message);
        }
    }

    JsonNode get(String path) {
        return send(HttpRequest.newBuilder(uri(path)).GET());
    }

    JsonNode post(String path, Object body) {
        return send(HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))));
    }

    private JsonNode send(HttpRequest.Builder request) {
        String bearer = token != null ? token : System.getenv("POSTDESK_TOKEN");
        if (bearer == null || bearer.isBlank()) {
            throw new Refused("an admin API token is needed: --token TOKEN or POSTDESK_TOKEN");
        }
        try {
            HttpResponse<String> response = http.send(request.header("Authorization", "Bearer " + bearer.strip())
                    .timeout(Duration.ofMinutes(30)).build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() / 100 != 2) {
                String message;
                try {
                    message = JSON.readTree(response.body()).path("message").asString(response.body());
                } catch (RuntimeException notJson) {
                    message = response.body();
                }
                throw new Refused("the server answered " + response.statusCode() + ": " + message);
            }
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new Refused("cannot reach the server at " + base() + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Refused("interrupted");
        }
    }

    private String base() {
        String base = url != null ? url : System.getenv().getOrDefault("POSTDESK_URL", "http://127.0.0.1:8080");
        return base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
    }

    private URI uri(String path) {
        return URI.create(base() + path);
    }
}
