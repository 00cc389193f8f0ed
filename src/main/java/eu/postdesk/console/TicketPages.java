package eu.postdesk.console;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.core.io.Resource;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;

import eu.postdesk.PostdeskProperties;
import eu.postdesk.tickets.Messages;
import eu.postdesk.tickets.PrivacyReport;
import eu.postdesk.tickets.Ticket;
import eu.postdesk.tickets.TicketWork;
import eu.postdesk.tickets.Tickets;

/**
 * The agent's pages: the ticket list (filtered like the API's) and a ticket with its messages as the API
 * gives them, masked and sanitised; message HTML in a sandboxed frame, remote images held back
 * until asked for, attachments with their fate.
 */
@Controller
class TicketPages {
    public record Shown(Messages.StoredMessage message, String html, boolean imagesShown, List<Messages.StoredAttachment> attachments,
            Map<String, Object> privacy) {
    }

    private final Tickets tickets;
    private final Messages messages;

    private final ConsoleAgent agent;
    private final PostdeskProperties properties;

    TicketPages(Tickets tickets, Messages messages, ConsoleAgent agent, PostdeskProperties properties) {
        this.agent = agent;
        this.properties = properties;
        this.tickets = tickets;
        this.messages = messages;
    }

    /**
     * The list, narrowed as the API's {@code GET /api/tickets} narrows it ({@link Tickets#find}):
     * mine (the account's agent), unassigned, status, severity, line, breached. A value that is not
     * one of the choices leaves that filter out.
     */
    @GetMapping("/tickets")
    String list(@RequestParam(required = false) String status, @RequestParam(required = false) String assignee,
                @RequestParam(required = false) String severity, @RequestParam(required = false) String line,
                @RequestParam(required = false) String breached, Model model, Authentication authentication) {
        String st = status != null && (TicketWork.NEW.equals(status) || TicketWork.SETTABLE.contains(status)) ? status : null;
        Integer sev = severity != null && severity.matches("[1-4]") ? Integer.valueOf(severity) : null;
        String ln = line != null && TicketWork.LINES.contains(line) ? line : null;
        Optional<String> myAgent = agent.of(SignedIn.user(authentication));
        String who = "mine".equals(assignee) ? myAgent.map(a -> a.toLowerCase(Locale.ROOT)).orElse("nobody@mine.invalid")
                : "nobody".equals(assignee) ? "nobody" : null;
        Boolean br = "yes".equals(breached) ? Boolean.TRUE : null;
        // an agent whose account names its agent works the tickets of its line (and those assigned to it), as in the API
        ConsoleUser user = SignedIn.user(authentication);
        Optional<PostdeskProperties.Agent> working = "agent".equals(user.role())
                ? myAgent.flatMap(address -> properties.getAgents().stream().filter(a -> a.getAddress().strip().equalsIgnoreCase(address)).findFirst())
                : Optional.empty();
        List<Ticket> found = tickets.find(new Tickets.Query(st, who, sev, ln, null, br,
                working.map(PostdeskProperties.Agent::getLine).orElse(null),
                working.map(a -> a.getAddress().strip().toLowerCase(Locale.ROOT)).orElse(null), 0, Integer.MAX_VALUE)).tickets();
        List<String> statuses = new java.util.ArrayList<>(List.of(TicketWork.NEW));
        statuses.addAll(TicketWork.SETTABLE);
        model.addAttribute("statuses", statuses);
        model.addAttribute("lines", TicketWork.LINES);
        model.addAttribute("status", st == null ? "" : st);
        model.addAttribute("assignee", who == null ? "" : assignee);
        model.addAttribute("severity", sev == null ? "" : sev.toString());
        model.addAttribute("line", ln == null ? "" : ln);
        model.addAttribute("breached", br != null);
        model.addAttribute("hasAgent", myAgent.isPresent());
        model.addAttribute("tickets", found);
        return "tickets";
    }

    @GetMapping("/tickets/{number}")
    String ticket(@PathVariable long number, @RequestParam(required = false) Long images, Model model, HttpServletRequest request,
                  Authentication authentication) {
        Ticket ticket = tickets.byNumber(number).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
        if (!agent.mayWork(SignedIn.user(authentication), ticket)) {
            // an agent works its line's tickets and its own, as in the API
            throw new ResponseStatusException(HttpStatus.FORBIDDEN);
        }
        List<Shown> shown = messages.ofTicket(ticket.id()).stream().map(m -> {
            boolean showImages = images != null && images == m.id();
            if (showImages) {
                ConsolePolicy.allowRemoteImages(request);
            }
            return new Shown(m, m.html() == null ? null : MessageFrame.srcdoc(m.html(), showImages), showImages, messages.attachmentsOf(m.id()),
                    PrivacyReport.fromJson(m.privacy()).forApi());
        }).toList();
        model.addAttribute("ticket", ticket);
        model.addAttribute("participants", tickets.participants(ticket.id()));
        model.addAttribute("messages", shown);
        List<String> statuses = new java.util.ArrayList<>();
        if (TicketWork.NEW.equals(ticket.status())) {
            statuses.add(TicketWork.NEW);
        }
        statuses.addAll(TicketWork.SETTABLE);
        model.addAttribute("statuses", statuses);
        model.addAttribute("lines", TicketWork.LINES);
        model.addAttribute("agents", properties.getAgents().stream().map(PostdeskProperties.Agent::getAddress)
                .map(a -> a.strip().toLowerCase(Locale.ROOT)).toList());
        return "ticket";
    }

    /** A redacted rendition, downloaded; a quarantined attachment is not served here (only the privacy officer's reveal opens it). */
    @GetMapping("/attachments/{id}")
    ResponseEntity<Resource> attachment(@PathVariable long id) {
        Messages.StoredAttachment attachment = messages.attachment(id).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
        if ("quarantined".equals(attachment.fate())) {
            throw new ResponseStatusException(HttpStatus.CONFLICT);
        }
        MediaType type;
        try {
            type = MediaType.parseMediaType(attachment.contentType());
        } catch (RuntimeException e) {
            type = MediaType.APPLICATION_OCTET_STREAM;
        }
        return ResponseEntity.ok().contentType(type)
                .header(HttpHeaders.CONTENT_DISPOSITION, org.springframework.http.ContentDisposition.attachment()
                        .filename(attachment.name() == null ? "attachment" : attachment.name(), java.nio.charset.StandardCharsets.UTF_8).build().toString())
                .header("X-Content-Type-Options", "nosniff")
                .body(messages.attachmentContent(id));
    }
}
