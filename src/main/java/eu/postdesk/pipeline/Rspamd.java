package eu.postdesk.pipeline;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.stereotype.Component;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** rspamd's HTTP protocol ({@code POST /checkv2}): the verdict on one message. */
@Component
@EnableConfigurationProperties(SpamSettings.class)
public class Rspamd {
    /** rspamd's actions that mean spam; {@code soft reject} (greylisting) and {@code no action} do not. */
    private static final Set<String> SPAM_ACTIONS = Set.of("reject", "add header", "rewrite subject");

    private final SpamSettings settings;
    private final HttpClient http;
    private final JsonMapper json = JsonMapper.builder().build();

    public Rspamd(SpamSettings settings) {
        this.settings = settings;
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(settings.timeout()).build();
    }

    public SpamSettings settings() {
        return settings;
    }

    public record Verdict(String action, double score, double requiredScore) {
        public boolean spam() {
            return SPAM_ACTIONS.contains(action);
        }

        /** The {@code X-Spam-Status} header's value. */
        public String status() {
            return (spam() ? "Yes" : "No") + ", score=" + score + " required=" + requiredScore + " action=\"" + action + "\" filter=rspamd";
        }
    }

    /** Checks the message in {@code file}; an IOException means the filter could not answer. */
    public Verdict check(Path file, String envelopeFrom, List<String> recipients) throws IOException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(settings.rspamdUrl().toString().replaceAll("/$", "") + "/checkv2"))
                .timeout(settings.timeout())
                .POST(HttpRequest.BodyPublishers.ofFile(file));
        if (envelopeFrom != null) {
            request.header("From", envelopeFrom);
        }
        for (String recipient : recipients) {
            request.header("Rcpt", recipient);
        }
        HttpResponse<String> response;
        try {
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while waiting for rspamd", e);
        }
        if (response.statusCode() != 200) {
            throw new IOException("rspamd answered HTTP " + response.statusCode());
        }
        JsonNode answer = json.readTree(response.body());
        if (!answer.has("action")) {
            throw new IOException("rspamd's answer has no action");
        }
        return new Verdict(answer.get("action").asString(), answer.path("score").asDouble(), answer.path("required_score").asDouble());
    }
}
