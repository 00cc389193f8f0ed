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
    String form(@RequestParam(required = false) Long message, @RequestParam(required = false) String problem, Model model) {
        model.addAttribute("message", message);
        model.addAttribute("minReason", OriginalReveal.MIN_REASON);
        if ("reasonMissing".equals(problem) || "none".equals(problem)) {
            model.addAttribute("problem", "console.reveal." + problem);
        }
        return "reveal";
    }

    /** The original as a download, recorded in the audit log; without a reason, or without an original, back to the form saying so. */
    @PostMapping("/privacy/reveal")
    ResponseEntity<StreamingResponseBody> reveal(@RequestParam long message, @RequestParam(defaultValue = "") String reason, Authentication authentication) {
        if (!OriginalReveal.reasonGiven(reason)) {
            return back(message, "reasonMissing");
        }
        ConsoleUser user = SignedIn.user(authentication);
        var original = reveal.reveal(message, reason, user.who(), user.role());
        if (original.isEmpty()) {
            return back(message, "none");
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

    private static ResponseEntity<StreamingResponseBody> back(long message, String problem) {
        return ResponseEntity.status(org.springframework.http.HttpStatus.SEE_OTHER)
                .location(java.net.URI.create("/privacy/reveal?message=" + message + "&problem=" + problem)).build();
    }

    @GetMapping("/privacy/audit")
    String audit(Model model) {
        model.addAttribute("entries", audit.entries().reversed());
        return "audit";
    }
}
