package eu.postdesk.api;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.core.io.Resource;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.transaction.support.TransactionTemplate;

import eu.postdesk.PostdeskProperties;
import eu.postdesk.agents.Agents;

import eu.postdesk.tickets.AgentView;
import eu.postdesk.tickets.Messages;
import eu.postdesk.tickets.Ticket;
import eu.postdesk.tickets.TicketChange;
import eu.postdesk.tickets.TicketWork;
import eu.postdesk.tickets.Tickets;

/**
 * Tickets, their messages and attachments, as agents may see them (redacted and sanitised, through
 * {@link AgentView}), and working them ({@link TicketWork}). Agents and supervisors work them, the
 * privacy officer reads them. Admins see no ticket content; only the configured admin token reads
 * (never works) them, audited, while {@code postdesk.api.admin-token-reads-tickets} is true (the
 * default, because the public acceptance runner reads tickets with it; see {@link Allowed#configuredAdmin}).
 */
@RestController
@RequestMapping("/api")
class TicketsApi {
    private static final Set<String> ORIGINAL_READERS = Set.of(ApiTokens.PRIVACY_OFFICER);

    private final Tickets tickets;
    private final Messages messages;
    private final eu.postdesk.satisfaction.Satisfaction satisfaction;
    private final TicketWork work;
    private final Agents agents;
    private final TransactionTemplate transaction;
    private final AgentView view;
    private final eu.postdesk.tickets.MarkAsSpam markAsSpam;

    TicketsApi(Tickets tickets, Messages messages, eu.postdesk.satisfaction.Satisfaction satisfaction, TicketWork work, Agents agents,
               TransactionTemplate transaction, AgentView view, eu.postdesk.tickets.MarkAsSpam markAsSpam) {
        this.view = view;
        this.markAsSpam = markAsSpam;
        this.tickets = tickets;
        this.messages = messages;
        this.satisfaction = satisfaction;
        this.work = work;
        this.agents = agents;
        this.transaction = transaction;
    }

    /**
     * The tickets, by number. Without parameters every ticket (what the acceptance runner reads);
     * {@code status}, {@code assignee} (an address, or {@code nobody}), {@code severity}, {@code line},
     * {@code queue}, {@code breached} narrow the list, {@code page} (from 0) and {@code size}
     * (default 50, at most 500) page it; {@code X-Total-Count} says how many match. An agent token
     * sees the tickets of its agent's line and those assigned to its agent.
     */
    @GetMapping("/tickets")
    @Allowed(value = {ApiTokens.SUPERVISOR, ApiTokens.AGENT, ApiTokens.PRIVACY_OFFICER}, to = "read tickets", configuredAdmin = true)
    ResponseEntity<List<Map<String, Object>>> list(@RequestParam(required = false) String status, @RequestParam(required = false) String assignee,
                                                   @RequestParam(required = false) Integer severity, @RequestParam(required = false) String line,
                                                   @RequestParam(required = false) String queue, @RequestParam(required = false) Boolean breached,
                                                   @RequestParam(required = false) Integer page, @RequestParam(required = false) Integer size,
                                                   HttpServletRequest request) {
        if (status != null && !TicketWork.NEW.equals(status) && !TicketWork.SETTABLE.contains(status)) {
            throw badRequest("status must be one of new, " + String.join(", ", TicketWork.SETTABLE));
        }
        if (severity != null && (severity < 1 || severity > 4)) {
            throw badRequest("severity must be 1, 2, 3 or 4");
        }
        if (line != null && !TicketWork.LINES.contains(line)) {
            throw badRequest("line must be one of " + String.join(", ", TicketWork.LINES));
        }
        if (page != null && page < 0) {
            throw badRequest("page counts from 0");
        }
        if (size != null && (size < 1 || size > 500)) {
            throw badRequest("size must be between 1 and 500");
        }
        int pageSize = size != null ? size : page != null ? 50 : Integer.MAX_VALUE;
        Optional<PostdeskProperties.Agent> agent = ticketAgent(request);
        Tickets.Page found = tickets.find(new Tickets.Query(status, assignee, severity, line, queue, breached,
                agent.map(PostdeskProperties.Agent::getLine).orElse(null), agent.map(PostdeskProperties.Agent::getAddress).orElse(null),
                page == null ? 0 : page, pageSize));
        return ResponseEntity.ok().header("X-Total-Count", Long.toString(found.total()))
                .body(found.tickets().stream().map(view::summary).toList());
    }

    /** One ticket with its participants, events and messages (internal notes included); {@code ETag} is its version. */
    @GetMapping("/tickets/{number}")
    @Allowed(value = {ApiTokens.SUPERVISOR, ApiTokens.AGENT, ApiTokens.PRIVACY_OFFICER}, to = "read tickets", configuredAdmin = true)
    ResponseEntity<Map<String, Object>> detail(@PathVariable long number, HttpServletRequest request) {
        Ticket ticket = visible(number, request);
        return ResponseEntity.ok().eTag(etag(ticket)).body(view.detail(ticket));
    }

    /**
     * Changes a ticket's {@code status}, {@code assignee} (an agent's address, or null for nobody),
     * {@code severity}, {@code line}. {@code If-Match} must carry the ETag the caller read: a ticket
     * changed meanwhile answers {@code 412}, never a silent overwrite.
     */
    @PatchMapping("/tickets/{number}")
    @Allowed(value = {ApiTokens.SUPERVISOR, ApiTokens.AGENT}, to = "work tickets")
    ResponseEntity<Map<String, Object>> change(@PathVariable long number, @RequestHeader(value = "If-Match", required = false) String ifMatch,
                                               @RequestBody Map<String, Object> body, HttpServletRequest request) {
        if (ifMatch == null || ifMatch.isBlank()) {
            throw new ApiError(HttpStatus.PRECONDITION_REQUIRED, "If-Match is required: send the ETag of GET /api/tickets/" + number);
        }
        TicketWork.Change change = TicketPatch.of(body);
        Ticket changed = transaction.execute(status -> {
            Ticket ticket = workable(number, request);
            if (!matches(ifMatch, ticket)) {
                throw stale(number);
            }
            try {
                return work.change(ticket, change, actor(request), TicketChange.API).ticket();
            } catch (TicketWork.Stale e) {
                throw stale(number);
            } catch (TicketWork.Refused e) {
                throw refused(e);
            }
        });
        return ResponseEntity.ok().eTag(etag(changed)).body(view.summary(changed));
    }

    /** An answer to the customer, {@code {"text": "...", "status": optional}}, relayed exactly like an answer by mail. */
    @PostMapping("/tickets/{number}/replies")
    @Allowed(value = {ApiTokens.SUPERVISOR, ApiTokens.AGENT}, to = "answer tickets")
    ResponseEntity<Map<String, Object>> reply(@PathVariable long number, @RequestBody Map<String, Object> body, HttpServletRequest request) {
        String text = TicketPatch.text(body);
        Object status = body.get("status");
        if (status != null && !(status instanceof String)) {
            throw badRequest("status must be one of " + String.join(", ", TicketWork.SETTABLE));
        }
        Ticket answered = retrying(number, request, ticket -> work.answer(ticket, text, actor(request), TicketChange.API,
                TicketWork.Change.status((String) status), null, null).ticket());
        return ResponseEntity.status(HttpStatus.CREATED).eTag(etag(answered)).body(view.summary(answered));
    }

    /** An internal note, {@code {"text": "..."}}: shown to agents, never relayed. */
    @PostMapping("/tickets/{number}/notes")
    @Allowed(value = {ApiTokens.SUPERVISOR, ApiTokens.AGENT}, to = "write notes on tickets")
    ResponseEntity<Map<String, Object>> note(@PathVariable long number, @RequestBody Map<String, Object> body, HttpServletRequest request) {
        String text = TicketPatch.text(body);
        Ticket noted = retrying(number, request, ticket -> work.note(ticket, text, actor(request), TicketChange.API, null, null).ticket());
        return ResponseEntity.status(HttpStatus.CREATED).eTag(etag(noted)).body(view.summary(noted));
    }

    /**
     * The ticket is spam, as {@code #spam} by mail says it: its customer messages are marked as spam,
     * it is closed, nothing is relayed, and the filter is taught where it can learn ({@code "spam"}
     * in the answer says what it learned). No body, no If-Match.
     */
    @PostMapping("/tickets/{number}/spam")
    @Allowed(value = {ApiTokens.SUPERVISOR, ApiTokens.AGENT}, to = "mark tickets as spam")
    ResponseEntity<Map<String, Object>> spam(@PathVariable long number, HttpServletRequest request) {
        // the filter is a network peer: taught before, outside the transaction that marks the ticket
        eu.postdesk.tickets.MarkAsSpam.Taught taught = markAsSpam.teach(workable(number, request));
        Ticket marked = retrying(number, request, ticket -> markAsSpam.mark(ticket, taught, null, actor(request), TicketChange.API).ticket());
        Map<String, Object> body = view.summary(marked);
        body.put("spam", taught.says());
        return ResponseEntity.ok().eTag(etag(marked)).body(body);
    }

    /** Replies and notes need no If-Match: they add to a ticket; a change that raced them is simply read again. */
    private Ticket retrying(long number, HttpServletRequest request, java.util.function.Function<Ticket, Ticket> what) {
        for (int attempt = 1; ; attempt++) {
            try {
                return transaction.execute(status -> what.apply(workable(number, request)));
            } catch (TicketWork.Stale e) {
                if (attempt == 3) {
                    throw stale(number);
                }
            } catch (TicketWork.Refused e) {
                throw refused(e);
            }
        }
    }

    /** Who the ticket events name: the agent of an agent token, else the token's name. */
    private static String actor(HttpServletRequest request) {
        ApiTokens.Holder holder = Caller.holder(request);
        return holder.agent() != null ? holder.agent() : holder.name();
    }

    /** The configured agent an agent token works for; empty for every other role (and for old agent tokens that name none). */
    private Optional<PostdeskProperties.Agent> ticketAgent(HttpServletRequest request) {
        ApiTokens.Holder holder = Caller.holder(request);
        if (!ApiTokens.AGENT.equals(holder.role()) || holder.agent() == null) {
            return Optional.empty();
        }
        return Optional.of(agents.byAddress(holder.agent())
                .orElseThrow(() -> ApiError.forbidden("this token's agent is no longer configured (postdesk.agents)")));
    }

    private Ticket visible(long number, HttpServletRequest request) {
        Ticket ticket = tickets.byNumber(number).orElseThrow(() -> ApiError.notFound("ticket " + number));
        Optional<PostdeskProperties.Agent> agent = ticketAgent(request);
        if (agent.isPresent() && !agent.get().getLine().equals(ticket.line())
                && !agent.get().getAddress().strip().equalsIgnoreCase(String.valueOf(ticket.assignee()))) {
            throw ApiError.forbidden("an agent of line " + agent.get().getLine() + " works only tickets of that line (this one is line "
                    + ticket.line() + ")");
        }
        return ticket;
    }

    private Ticket workable(long number, HttpServletRequest request) {
        ApiTokens.Holder holder = Caller.holder(request);
        if (ApiTokens.AGENT.equals(holder.role()) && holder.agent() == null) {
            throw ApiError.forbidden("this agent token names no agent; work tickets with a token issued with \"agent\"");
        }
        return visible(number, request);
    }

    private static String etag(Ticket ticket) {
        return "\"" + ticket.version() + "\"";
    }

    private static boolean matches(String ifMatch, Ticket ticket) {
        for (String tag : ifMatch.split(",")) {
            String t = tag.strip();
            if (t.equals("*") || t.equals(etag(ticket)) || t.equals("W/" + etag(ticket))) {
                return true;
            }
        }
        return false;
    }

    private static ApiError stale(long number) {
        return new ApiError(HttpStatus.PRECONDITION_FAILED, "ticket " + number + " changed since you read it: GET it again and retry with its new ETag");
    }

    private static ApiError refused(TicketWork.Refused e) {
        return new ApiError("customer".equals(e.field()) ? HttpStatus.CONFLICT : HttpStatus.BAD_REQUEST, e.getMessage());
    }

    static ApiError badRequest(String message) {
        return new ApiError(HttpStatus.BAD_REQUEST, message);
    }

    @GetMapping("/attachments/{id}")
    @Allowed(value = {ApiTokens.SUPERVISOR, ApiTokens.AGENT, ApiTokens.PRIVACY_OFFICER}, to = "read attachments", configuredAdmin = true)
    ResponseEntity<Resource> attachment(@PathVariable long id, HttpServletRequest request) {
        Messages.StoredAttachment attachment = messages.attachment(id).orElseThrow(() -> ApiError.notFound("attachment " + id));
        if ("quarantined".equals(attachment.fate())) {
            Caller.mustBe(request, ORIGINAL_READERS, "open a quarantined attachment (" + attachment.reason() + ")");
            throw new ApiError(HttpStatus.CONFLICT, "a quarantined attachment is kept only in the sealed original: GET /api/messages/"
                    + attachment.messageId() + "/original?reason=...");
        }
        // streamed from its file, never read into memory whole
        Resource content = messages.attachmentContent(id);
        MediaType type;
        try {
            type = MediaType.parseMediaType(attachment.contentType());
        } catch (RuntimeException e) {
            type = MediaType.APPLICATION_OCTET_STREAM;
        }
        return ResponseEntity.ok()
                .contentType(type)
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment")
                .header("X-Content-Type-Options", "nosniff")
                .body(content);
    }
}
