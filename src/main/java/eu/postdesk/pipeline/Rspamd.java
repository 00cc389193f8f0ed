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

/**
 * rspamd's HTTP protocol: the verdict on one message ({@code POST /checkv2} on the normal worker),
 * and learning that a message is spam ({@code POST /learnspam} on the controller).
 */
@Component
@EnableConfigurationProperties(SpamSettings.class)
public class Rspamd implements SpamFilter {
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

    @Override
    public boolean configured() {
        return settings.rspamdUrl() != null;
    }

    @Override
    public SpamVerdict check(Path file, String envelopeFrom, List<String> recipients) throws IOException {
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
        String action = answer.get("action").asString();
        return new SpamVerdict("rspamd", SPAM_ACTIONS.contains(action), action, answer.path("score").asDouble(), answer.path("required_score").asDouble());
    }

    @Override
    public boolean learnSpam(Path file) throws IOException {
        if (settings.rspamdControllerUrl() == null) {
            return false;
        }
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(settings.rspamdControllerUrl().toString().replaceAll("/$", "") + "/learnspam"))
                .timeout(settings.timeout())
                .POST(HttpRequest.BodyPublishers.ofFile(file));
        if (settings.rspamdPassword() != null && !settings.rspamdPassword().isBlank()) {
            request.header("Password", settings.rspamdPassword());
        }
        HttpResponse<String> response;
        try {
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while teaching rspamd", e);
        }
        // 208, or (rspamd 3.x) an error saying so: rspamd has learned this message before
        boolean learnedBefore = response.statusCode() == 208 || response.body().contains("already learned as spam");
        if (response.statusCode() != 200 && !learnedBefore) {
            throw new IOException("rspamd's controller answered HTTP " + response.statusCode() + " to learnspam");
        }
        return true;
    }
}
