package eu.postdesk.console;

import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import eu.postdesk.privacy.LegalHolds;
import eu.postdesk.privacy.Retention;

/**
 * The retention preview and the last runs ({@link Retention}), and legal holds placed and lifted
 * ({@link LegalHolds}, which records them in the audit chain), as
 * {@code /api/privacy/retention/**} and {@code /api/privacy/holds} do.
 */
@Controller
class RetentionPages {
    private static final String ADDRESS = "[^@\\s]{1,200}@[^@\\s]{1,250}";

    private final Retention retention;
    private final LegalHolds holds;

    RetentionPages(Retention retention, LegalHolds holds) {
        this.retention = retention;
        this.holds = holds;
    }

    @GetMapping("/privacy/retention")
    String page(Model model) {
        model.addAttribute("preview", retention.preview());
        model.addAttribute("runs", retention.runs().stream().limit(10).toList());
        model.addAttribute("holds", holds.all());
        return "retention";
    }

    /** A hold on one ticket (its number) or on a customer (an address), with a reason. */
    @PostMapping("/privacy/holds")
    String place(@RequestParam(defaultValue = "") String ticket, @RequestParam(defaultValue = "") String customer,
                 @RequestParam(defaultValue = "") String reason, Authentication authentication, RedirectAttributes flash) {
        Long number = ticket.strip().matches("[0-9]{1,18}") ? Long.valueOf(ticket.strip()) : null;
        String address = customer.isBlank() ? null : customer.strip();
        if ((number == null) == (address == null) || (!ticket.isBlank() && number == null) || (address != null && !address.matches(ADDRESS))) {
            flash.addFlashAttribute("problem", "console.hold.whatBad");
            return "redirect:/privacy/retention#holds";
        }
        if (reason.strip().length() < 5) {
            flash.addFlashAttribute("problem", "console.hold.reasonMissing");
            return "redirect:/privacy/retention#holds";
        }
        holds.place(number, address, reason.strip(), SignedIn.user(authentication).who());
        flash.addFlashAttribute("done", "console.hold.placed");
        return "redirect:/privacy/retention#holds";
    }

    @PostMapping("/privacy/holds/{id}/lift")
    String lift(@PathVariable long id, Authentication authentication, RedirectAttributes flash) {
        if (!holds.lift(id, SignedIn.user(authentication).who())) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND);
        }
        flash.addFlashAttribute("done", "console.hold.lifted");
        return "redirect:/privacy/retention#holds";
    }
}
