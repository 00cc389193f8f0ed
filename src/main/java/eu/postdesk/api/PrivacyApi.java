package eu.postdesk.api;

import java.io.InputStream;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

import eu.postdesk.privacy.OriginalReveal;
import eu.postdesk.privacy.RevealAudit;
import eu.postdesk.privacy.SealedOriginals;

/**
 * The privacy officer's view: a message's sealed original, opened only for a stated reason and
 * recorded in the audit log; and that log.
 */
@RestController
@RequestMapping("/api")
class PrivacyApi {

    private final OriginalReveal reveal;
    private final RevealAudit audit;

    PrivacyApi(OriginalReveal reveal, RevealAudit audit) {
        this.reveal = reveal;
        this.audit = audit;
    }

    @GetMapping("/messages/{id}/original")
    @Allowed(value = {ApiTokens.PRIVACY_OFFICER}, to = "open sealed originals")
    ResponseEntity<StreamingResponseBody> original(@PathVariable long id, @RequestParam(required = false) String reason, HttpServletRequest request) {
        if (!OriginalReveal.reasonGiven(reason)) {
            throw new ApiError(HttpStatus.BAD_REQUEST, "say why you open this original: ?reason=... (at least 10 characters); it is recorded");
        }
        SealedOriginals.Original original = reveal.reveal(id, reason, Caller.name(request), Caller.role(request))
                .orElseThrow(() -> ApiError.notFound("a sealed original of message " + id + " (none was kept, or its customer's key was destroyed)"));
        // decrypted while it is sent: a large original is never held in memory
        StreamingResponseBody body = out -> {
            try (InputStream in = original.content()) {
                in.transferTo(out);
            }
        };
        return ResponseEntity.ok().contentType(MediaType.parseMediaType("message/rfc822"))
                .contentLength(original.size())
                .header("Cache-Control", "no-store").body(body);
    }

    @GetMapping("/privacy/audit")
    @Allowed(value = {ApiTokens.PRIVACY_OFFICER}, to = "read the privacy audit log")
    List<Map<String, Object>> audit(HttpServletRequest request) {
        return audit.entries();
    }
}
