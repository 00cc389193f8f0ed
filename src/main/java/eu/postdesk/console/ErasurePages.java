package eu.postdesk.console;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

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

import eu.postdesk.privacy.Erasure;
import eu.postdesk.privacy.ReceiptSigner;

/**
 * The privacy officer's erasure requests, through {@link Erasure} as {@code /api/privacy/erasures}:
 * a request is made with its preview (what it would erase now), runs only once confirmed, and
 * ends with a signed receipt (Ed25519, checkable with the key shown on the page).
 */
@Controller
class ErasurePages {
    private static final String ADDRESS = "[^@\\s]{1,200}@[^@\\s]{1,250}";
    private static final int MAX_SUBJECTS = 20;

    private final Erasure erasure;
    private final ReceiptSigner signer;

    ErasurePages(Erasure erasure, ReceiptSigner signer) {
        this.erasure = erasure;
        this.signer = signer;
    }

    @GetMapping("/privacy/erasures")
    String list(Model model) {
        model.addAttribute("requests", erasure.all().reversed());
        return "erasures";
    }

    /** A request for a person's addresses (one a line, or separated by commas) over an optional period, with the reason the receipt names. */
    @PostMapping("/privacy/erasures")
    String request(@RequestParam(defaultValue = "") String subjects, @RequestParam(defaultValue = "") String from,
                   @RequestParam(defaultValue = "") String to, @RequestParam(defaultValue = "") String reason,
                   Authentication authentication, RedirectAttributes flash) {
        List<String> addresses = new ArrayList<>();
        for (String s : subjects.split("[,;\\s]+")) {
            if (!s.isBlank()) {
                addresses.add(s.strip());
            }
        }
        if (addresses.isEmpty() || addresses.size() > MAX_SUBJECTS || addresses.stream().anyMatch(a -> !a.matches(ADDRESS))) {
            return problem("console.erasure.subjectsBad", flash);
        }
        if (reason.strip().length() < 5) {
            return problem("console.erasure.reasonMissing", flash);
        }
        LocalDate start;
        LocalDate end;
        try {
            start = from.isBlank() ? null : LocalDate.parse(from.strip());
            end = to.isBlank() ? null : LocalDate.parse(to.strip());
        } catch (DateTimeParseException e) {
            return problem("console.erasure.dateBad", flash);
        }
        if (start != null && end != null && end.isBefore(start)) {
            return problem("console.erasure.dateBad", flash);
        }
        String id = erasure.request(new Erasure.Scope(addresses, start, end), reason.strip(), SignedIn.user(authentication).who(), "console");
        return "redirect:/privacy/erasures/" + id;
    }

    @GetMapping("/privacy/erasures/{id}")
    String view(@PathVariable String id, Model model) {
        Map<String, Object> request = erasure.view(id).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
        model.addAttribute("request", request);
        model.addAttribute("awaiting", Erasure.AWAITING.equals(request.get("status")));
        model.addAttribute("algorithm", ReceiptSigner.ALGORITHM);
        model.addAttribute("publicKey", signer.publicKey());
        return "erasure";
    }

    @PostMapping("/privacy/erasures/{id}/confirm")
    String confirm(@PathVariable String id, Authentication authentication, RedirectAttributes flash) {
        var refusal = erasure.confirm(id, SignedIn.user(authentication).who());
        if (refusal.isPresent()) {
            if (refusal.get() == Erasure.Refusal.NOT_FOUND) {
                throw new ResponseStatusException(HttpStatus.NOT_FOUND);
            }
            flash.addFlashAttribute("problem", refusal.get() == Erasure.Refusal.HELD ? "console.erasure.held" : "console.erasure.notAwaiting");
        }
        return "redirect:/privacy/erasures/" + id;
    }

    private static String problem(String key, RedirectAttributes flash) {
        flash.addFlashAttribute("problem", key);
        return "redirect:/privacy/erasures";
    }
}
