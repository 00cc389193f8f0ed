package eu.postdesk.api;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import eu.postdesk.pipeline.MailPipeline;
import eu.postdesk.pipeline.SpamBox;

/** The spam box (admin): {@code GET /api/spam} lists what the filter kept out; {@code POST /api/spam/{id}/release} files it after all. */
@RestController
@RequestMapping("/api")
class SpamApi {
    private final SpamBox spamBox;
    private final MailPipeline pipeline;

    SpamApi(SpamBox spamBox, MailPipeline pipeline) {
        this.spamBox = spamBox;
        this.pipeline = pipeline;
    }

    @GetMapping("/spam")
    @Allowed(value = {ApiTokens.ADMIN}, to = "read the spam")
    List<Map<String, Object>> spam() {
        return spamBox.entries().stream().map(e -> {
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("id", e.id());
            out.put("receivedAt", e.receivedAt().toString());
            out.put("from", e.from());
            out.put("filter", e.filter());
            out.put("verdict", e.verdict());
            out.put("keepUntil", e.keepUntil().toString());
            out.put("releasedAt", e.releasedAt() == null ? null : e.releasedAt().toString());
            return out;
        }).toList();
    }

    @PostMapping("/spam/{id}/release")
    @Allowed(value = {ApiTokens.ADMIN}, to = "release spam")
    Map<String, Object> release(@PathVariable long id, HttpServletRequest request) {
        long spoolId = spamBox.release(id, Caller.name(request))
                .orElseThrow(() -> ApiError.notFound("spam entry " + id + " that can still be released"));
        pipeline.submit(spoolId);
        return Map.of("id", id, "status", "released");
    }
}
