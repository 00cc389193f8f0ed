package eu.postdesk.api;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import eu.postdesk.outbound.Outbox;
import eu.postdesk.pipeline.MailPipeline;
import eu.postdesk.pipeline.Outcomes;

/** What operators watch: the outbox, the quarantine, the mail deliberately dropped; and API tokens. */
@RestController
@RequestMapping("/api")
class OperationsApi {

    private final Outbox outbox;
    private final Outcomes outcomes;
    private final ApiTokens tokens;
    private final eu.postdesk.spool.Spool spool;
    private final MailPipeline pipeline;

    private final eu.postdesk.ingress.MailboxHealth mailboxes;

    OperationsApi(Outbox outbox, Outcomes outcomes, ApiTokens tokens, eu.postdesk.spool.Spool spool, MailPipeline pipeline,
            eu.postdesk.ingress.MailboxHealth mailboxes) {
        this.mailboxes = mailboxes;
        this.spool = spool;
        this.pipeline = pipeline;
        this.outbox = outbox;
        this.outcomes = outcomes;
        this.tokens = tokens;
    }

    @GetMapping("/outbox")
    @Allowed(value = {ApiTokens.ADMIN}, to = "read the outbox")
    List<Map<String, Object>> outbox(HttpServletRequest request) {
        return outbox.entries().stream().map(e -> {
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("id", e.id());
            out.put("kind", e.kind());
            out.put("to", e.recipient());
            out.put("subject", e.subject());
            out.put("status", e.status());
            out.put("attempts", e.attempts());
            out.put("createdAt", e.createdAt().toString());
            out.put("sentAt", e.sentAt() == null ? null : e.sentAt().toString());
            out.put("lastError", e.lastError());
            return out;
        }).toList();
    }

    @GetMapping("/quarantine")
    @Allowed(value = {ApiTokens.ADMIN}, to = "read the quarantine")
    List<Map<String, Object>> quarantine(HttpServletRequest request) {
        return outcomes.quarantined().stream().map(OperationsApi::entry).toList();
    }

    /** Runs the current chain on a quarantined message again, once its cause is fixed: {@code 202}, or {@code 404} without such an entry. */
    @PostMapping("/quarantine/{id}/retry")
    @ResponseStatus(HttpStatus.ACCEPTED)
    @Allowed(value = {ApiTokens.ADMIN}, to = "retry quarantined mail")
    Map<String, Object> retry(@PathVariable long id, HttpServletRequest request) {
        if (!pipeline.retryQuarantined(id)) {
            throw ApiError.notFound("quarantine entry " + id);
        }
        return Map.of("id", id, "status", "retrying");
    }

    @GetMapping("/dropped")
    @Allowed(value = {ApiTokens.ADMIN}, to = "read the dropped mail")
    List<Map<String, Object>> dropped(HttpServletRequest request) {
        return outcomes.dropped().stream().map(OperationsApi::entry).toList();
    }

    /**
     * How the pipeline keeps up: messages spooled and settled, and the time from SMTP's 250 to the
     * committed outcome (p50, p99, max) over the settled ones. What the ingress benchmark reads.
     * {@code mailboxes}: each polled mailbox's state, last sync, last error and backlog.
     */
    @GetMapping("/pipeline")
    @Allowed(value = {ApiTokens.ADMIN}, to = "read pipeline figures")
    Map<String, Object> pipeline(HttpServletRequest request) {
        Map<String, Object> figures = spool.figures();
        figures.put("mailboxes", mailboxes.mailboxes().stream().map(eu.postdesk.ingress.MailboxHealth.Mailbox::asMap).toList());
        return figures;
    }

    /**
     * A new API token: {@code {"name": "...", "role": "agent|admin|privacy-officer"}}; its value is
     * shown once. Admins issue agent and admin tokens; only a privacy officer issues privacy-officer ones.
     */
    @PostMapping("/tokens")
    @ResponseStatus(HttpStatus.CREATED)
    @Allowed(value = {ApiTokens.ADMIN, ApiTokens.PRIVACY_OFFICER}, to = "issue API tokens")
    Map<String, String> issue(@RequestBody Map<String, String> body, HttpServletRequest request) {
        String name = String.valueOf(body.getOrDefault("name", "")).strip();
        String role = String.valueOf(body.getOrDefault("role", "")).strip();
        if (name.isEmpty() || name.length() > 200) {
            throw new ApiError(HttpStatus.BAD_REQUEST, "a token needs a name of at most 200 characters (who or what uses it)");
        }
        return Map.of("name", name, "role", role, "token", tokens.issue(name, role, Caller.holder(request)));
    }

    private static Map<String, Object> entry(Outcomes.Entry e) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", e.id());
        out.put("receivedAt", e.receivedAt().toString());
        out.put("from", e.from());
        out.put("reason", e.reason());
        return out;
    }
}
