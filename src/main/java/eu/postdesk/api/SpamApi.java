package eu.postdesk.api;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import eu.postdesk.pipeline.CheckSpam;
import eu.postdesk.pipeline.Outcomes;

/** {@code GET /api/spam}: the mail the spam filter kept out, with rspamd's verdict (admin). */
@RestController
@RequestMapping("/api")
class SpamApi {
    private final Outcomes outcomes;

    SpamApi(Outcomes outcomes) {
        this.outcomes = outcomes;
    }

    @GetMapping("/spam")
    @Allowed(value = {ApiTokens.ADMIN}, to = "read the spam")
    List<Map<String, Object>> spam(HttpServletRequest request) {
        return outcomes.dropped().stream().filter(e -> e.reason().startsWith(CheckSpam.REASON_PREFIX)).map(e -> {
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("id", e.id());
            out.put("receivedAt", e.receivedAt().toString());
            out.put("from", e.from());
            out.put("verdict", e.reason());
            return out;
        }).toList();
    }
}
