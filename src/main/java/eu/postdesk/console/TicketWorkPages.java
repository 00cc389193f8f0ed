package eu.postdesk.console;

import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;

import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import eu.postdesk.tickets.Ticket;
import eu.postdesk.tickets.TicketChange;
import eu.postdesk.tickets.TicketWork;
import eu.postdesk.tickets.Tickets;

/**
 * Working a ticket from its page, through {@link TicketWork} as {@code PATCH /api/tickets/{n}},
 * {@code .../replies} and {@code .../notes} do (channel {@code console}). A change carries the
 * ticket's version as the page showed it: if the ticket changed since, it is refused and the page
 * shows the current values, never a silent overwrite.
 */
@Controller
class TicketWorkPages {
    private final Tickets tickets;
    private final TicketWork work;
    private final TransactionTemplate transaction;
    private final ConsoleAgent agent;

    TicketWorkPages(Tickets tickets, TicketWork work, TransactionTemplate transaction, ConsoleAgent agent) {
        this.tickets = tickets;
        this.work = work;
        this.transaction = transaction;
        this.agent = agent;
    }

    @PostMapping("/tickets/{number}/change")
    String change(@PathVariable long number, @RequestParam long version, @RequestParam(required = false) String status,
                  @RequestParam(required = false) String assignee, @RequestParam(required = false) Integer severity,
                  @RequestParam(required = false) String line, Authentication authentication, RedirectAttributes flash) {
        String actor = agent.actor(SignedIn.user(authentication));
        try {
            transaction.executeWithoutResult(tx -> {
                Ticket ticket = ticket(number, authentication);
                if (ticket.version() != version) {
                    throw new TicketWork.Stale(number);
                }
                work.change(ticket, changeOf(ticket, status, assignee, severity, line), actor, TicketChange.CONSOLE);
            });
        } catch (TicketWork.Stale e) {
            return back(number, "console.work.stale", null, flash);
        } catch (TicketWork.Refused e) {
            return back(number, "console.work.refused", e.getMessage(), flash);
        }
        return back(number, "console.work.changed", null, flash);
    }

    @PostMapping("/tickets/{number}/answer")
    String answer(@PathVariable long number, @RequestParam(defaultValue = "") String text, Authentication authentication, RedirectAttributes flash) {
        if (text.isBlank() || text.length() > 100_000) {
            return back(number, "console.work.textMissing", null, flash);
        }
        String actor = agent.actor(SignedIn.user(authentication));
        return retrying(number, authentication, flash, "console.work.answered",
                ticket -> work.answer(ticket, text, actor, TicketChange.CONSOLE, null, null, null).ticket());
    }

    @PostMapping("/tickets/{number}/note")
    String note(@PathVariable long number, @RequestParam(defaultValue = "") String text, Authentication authentication, RedirectAttributes flash) {
        if (text.isBlank() || text.length() > 100_000) {
            return back(number, "console.work.textMissing", null, flash);
        }
        String actor = agent.actor(SignedIn.user(authentication));
        return retrying(number, authentication, flash, "console.work.noted",
                ticket -> work.note(ticket, text, actor, TicketChange.CONSOLE, null, null).ticket());
    }

    /** Only what differs from the ticket goes into the change: the form sends every field. */
    private static TicketWork.Change changeOf(Ticket ticket, String status, String assignee, Integer severity, String line) {
        String newStatus = status == null || status.equals(ticket.status()) ? null : status;
        Optional<String> newAssignee = null;
        if (assignee != null) {
            String to = assignee.isBlank() || "nobody".equals(assignee) ? null : assignee.strip().toLowerCase(Locale.ROOT);
            String current = ticket.assignee() == null ? null : ticket.assignee().toLowerCase(Locale.ROOT);
            if (!java.util.Objects.equals(to, current)) {
                newAssignee = Optional.ofNullable(to);
            }
        }
        Integer newSeverity = severity == null || severity == ticket.severity() ? null : severity;
        String newLine = line == null || line.equals(ticket.line()) ? null : line;
        return new TicketWork.Change(newStatus, newAssignee, newSeverity, newLine);
    }

    /** Answers and notes add to a ticket: a change that raced them is read again, as the API does. */
    private String retrying(long number, Authentication authentication, RedirectAttributes flash, String done, Function<Ticket, Ticket> what) {
        for (int attempt = 1; ; attempt++) {
            try {
                transaction.executeWithoutResult(tx -> what.apply(ticket(number, authentication)));
                return back(number, done, null, flash);
            } catch (TicketWork.Stale e) {
                if (attempt == 3) {
                    return back(number, "console.work.stale", null, flash);
                }
            } catch (TicketWork.Refused e) {
                return back(number, "console.work.refused", e.getMessage(), flash);
            }
        }
    }

    /** The ticket, if this account may work it (an agent: its line's and its own; 403 otherwise). */
    private Ticket ticket(long number, Authentication authentication) {
        Ticket ticket = tickets.byNumber(number).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
        if (!agent.mayWork(SignedIn.user(authentication), ticket)) {
            throw new ResponseStatusException(HttpStatus.FORBIDDEN);
        }
        return ticket;
    }

    private static String back(long number, String outcome, String detail, RedirectAttributes flash) {
        flash.addFlashAttribute("outcome", outcome);
        flash.addFlashAttribute("stale", "console.work.stale".equals(outcome));
        if (detail != null) {
            flash.addFlashAttribute("detail", detail);
        }
        return "redirect:/tickets/" + number + "#work";
    }
}
