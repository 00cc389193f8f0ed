package eu.postdesk.api;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
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
            // an envelope recipient, as a mail queue lists it; never the subject: admins see no ticket content
            out.put("ticketId", e.ticketId());
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
     * A new API token: {@code {"name": "...", "role": "agent|supervisor|admin|privacy-officer", "agent": "...",
     * "expires": "2027-01-31" or an instant (optional), "networks": ["10.0.0.0/8"] (optional)}}
     * ({@code agent}: for role agent only, and required there: a configured agent's address); its
     * value is shown once. Admins issue agent, supervisor and admin tokens; only a privacy officer
     * issues privacy-officer ones.
     */
    @PostMapping("/tokens")
    @ResponseStatus(HttpStatus.CREATED)
    @Allowed(value = {ApiTokens.ADMIN, ApiTokens.PRIVACY_OFFICER}, to = "issue API tokens")
    Map<String, Object> issue(@RequestBody Map<String, Object> body, HttpServletRequest request) {
        String name = String.valueOf(body.getOrDefault("name", "")).strip();
        String role = String.valueOf(body.getOrDefault("role", "")).strip();
        String agent = body.get("agent") == null ? null : String.valueOf(body.get("agent")).strip();
        if (name.isEmpty() || name.length() > 200) {
            throw new ApiError(HttpStatus.BAD_REQUEST, "a token needs a name of at most 200 characters (who or what uses it)");
        }
        Instant expires = expiry(body.get("expires"));
        List<String> networks = networks(body.get("networks"));
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("name", name);
        out.put("role", role);
        if (agent != null) {
            out.put("agent", agent.toLowerCase(java.util.Locale.ROOT));
        }
        out.put("token", tokens.issue(name, role, agent, expires, networks, Caller.holder(request)));
        out.put("expiresAt", expires == null ? null : expires.toString());
        out.put("networks", networks);
        return out;
    }

    /** The tokens of the roles the caller may issue: name, role, created, expiry, last use (to the minute), networks; never the token. */
    @GetMapping("/tokens")
    @Allowed(value = {ApiTokens.ADMIN, ApiTokens.PRIVACY_OFFICER}, to = "list API tokens")
    List<Map<String, Object>> tokens(HttpServletRequest request) {
        return tokens.list(Caller.holder(request)).stream().map(ApiTokens.Listed::forApi).toList();
    }

    /** Revokes a token by the id its list shows: {@code 204}. */
    @DeleteMapping("/tokens/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Allowed(value = {ApiTokens.ADMIN, ApiTokens.PRIVACY_OFFICER}, to = "revoke API tokens")
    void revoke(@PathVariable String id, HttpServletRequest request) {
        tokens.revoke(id, Caller.holder(request));
    }

    private static Instant expiry(Object value) {
        if (value == null || String.valueOf(value).isBlank()) {
            return null;
        }
        String text = String.valueOf(value).strip();
        try {
            return text.length() == 10 ? LocalDate.parse(text).atStartOfDay(ZoneOffset.UTC).toInstant() : Instant.parse(text);
        } catch (DateTimeParseException e) {
            throw new ApiError(HttpStatus.BAD_REQUEST, "expires: give a date (2027-01-31) or an instant (2027-01-31T12:00:00Z)");
        }
    }

    private static List<String> networks(Object value) {
        if (value == null) {
            return List.of();
        }
        if (!(value instanceof List<?> list) || list.stream().anyMatch(e -> !(e instanceof String))) {
            throw new ApiError(HttpStatus.BAD_REQUEST, "networks: give a list of networks, e.g. [\"10.0.0.0/8\"]");
        }
        return list.stream().map(String.class::cast).toList();
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
