package eu.postdesk.console;

import java.io.InputStream;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

import eu.postdesk.privacy.OriginalReveal;
import eu.postdesk.privacy.RevealAudit;
import eu.postdesk.privacy.SealedOriginals;

/** The privacy officer's pages: reveal a sealed original for a stated reason (the same service as the API), and the audit log. */
@Controller
class PrivacyPages {
    private final OriginalReveal reveal;
    private final RevealAudit audit;

    PrivacyPages(OriginalReveal reveal, RevealAudit audit) {
        this.reveal = reveal;
        this.audit = audit;
    }

    @GetMapping("/privacy/reveal")
    String form(@RequestParam(required = false) Long message, Model model) {
        model.addAttribute("message", message);
        model.addAttribute("minReason", OriginalReveal.MIN_REASON);
        return "reveal";
    }

    @PostMapping("/privacy/reveal")
    Object reveal(@RequestParam long message, @RequestParam(defaultValue = "") String reason, Authentication authentication, Model model) {
        if (!OriginalReveal.reasonGiven(reason)) {
            model.addAttribute("message", message);
            model.addAttribute("minReason", OriginalReveal.MIN_REASON);
            model.addAttribute("problem", "console.reveal.reasonMissing");
            return "reveal";
        }
        ConsoleUser user = SignedIn.user(authentication);
        var original = reveal.reveal(message, reason, user.who(), user.role());
        if (original.isEmpty()) {
            model.addAttribute("message", message);
            model.addAttribute("minReason", OriginalReveal.MIN_REASON);
            model.addAttribute("problem", "console.reveal.none");
            return "reveal";
        }
        SealedOriginals.Original opened = original.get();
        StreamingResponseBody body = out -> {
            try (InputStream in = opened.content()) {
                in.transferTo(out);
            }
        };
        return ResponseEntity.ok().contentType(MediaType.parseMediaType("message/rfc822")).contentLength(opened.size())
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"message-" + message + ".eml\"")
                .header("Cache-Control", "no-store").body(body);
    }

    @GetMapping("/privacy/audit")
    String audit(Model model) {
        model.addAttribute("entries", audit.entries().reversed());
        return "audit";
    }
}
