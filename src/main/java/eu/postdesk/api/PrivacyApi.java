package eu.postdesk.api;

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

import eu.postdesk.privacy.RevealAudit;
import eu.postdesk.privacy.SealedOriginals;

/**
 * The privacy officer's view: a message's sealed original, opened only for a stated reason and
 * recorded in the audit log; and that log.
 */
@RestController
@RequestMapping("/api")
class PrivacyApi {
    private static final Set<String> OFFICERS = Set.of(ApiTokens.PRIVACY_OFFICER);

    private final SealedOriginals originals;
    private final RevealAudit audit;

    PrivacyApi(SealedOriginals originals, RevealAudit audit) {
        this.originals = originals;
        this.audit = audit;
    }

    @GetMapping("/messages/{id}/original")
    ResponseEntity<byte[]> original(@PathVariable long id, @RequestParam(required = false) String reason, HttpServletRequest request) {
        Caller.mustBe(request, OFFICERS, "open sealed originals");
        if (reason == null || reason.strip().length() < 10) {
            throw new ApiError(HttpStatus.BAD_REQUEST, "say why you open this original: ?reason=... (at least 10 characters); it is recorded");
        }
        byte[] original = originals.open(id).orElseThrow(() -> ApiError.notFound("a sealed original of message " + id
                + " (none was kept, or its customer's key was destroyed)"));
        audit.record(Caller.name(request), Caller.role(request), id, reason.strip());
        return ResponseEntity.ok().contentType(MediaType.parseMediaType("message/rfc822"))
                .header("Cache-Control", "no-store").body(original);
    }

    @GetMapping("/privacy/audit")
    List<Map<String, Object>> audit(HttpServletRequest request) {
        Caller.mustBe(request, OFFICERS, "read the privacy audit log");
        return audit.entries();
    }
}
