package eu.postdesk.console;

import java.util.List;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.core.io.Resource;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;

import eu.postdesk.tickets.Messages;
import eu.postdesk.tickets.PrivacyReport;
import eu.postdesk.tickets.Ticket;
import eu.postdesk.tickets.Tickets;

/**
 * The agent's pages: the ticket list (filtered by status) and a ticket with its messages as the API
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

    TicketPages(Tickets tickets, Messages messages) {
        this.tickets = tickets;
        this.messages = messages;
    }

    @GetMapping("/tickets")
    String list(@RequestParam(required = false) String status, Model model) {
        List<Ticket> all = tickets.all();
        model.addAttribute("statuses", all.stream().map(Ticket::status).distinct().sorted().toList());
        model.addAttribute("status", status == null ? "" : status);
        model.addAttribute("tickets", all.stream().filter(t -> status == null || status.isBlank() || t.status().equals(status)).toList());
        return "tickets";
    }

    @GetMapping("/tickets/{number}")
    String ticket(@PathVariable long number, @RequestParam(required = false) Long images, Model model, HttpServletRequest request) {
        Ticket ticket = tickets.byNumber(number).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
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
