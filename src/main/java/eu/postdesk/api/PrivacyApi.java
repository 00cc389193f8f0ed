package eu.postdesk.api;

import java.io.InputStream;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

import eu.postdesk.privacy.AuditTrail;
import eu.postdesk.privacy.OriginalReveal;
import eu.postdesk.privacy.RevealAudit;
import eu.postdesk.privacy.SealedOriginals;
import eu.postdesk.privacy.SubjectExport;

/**
 * The privacy officer's view: a message's sealed original, opened only for a stated reason and
 * recorded in the audit log; and that log.
 */
@RestController
@RequestMapping("/api")
class PrivacyApi {

    private final OriginalReveal reveal;
    private final RevealAudit audit;
    private final eu.postdesk.pipeline.Outcomes outcomes;
    private final eu.postdesk.spool.Spool spool;

    private final AuditTrail trail;
    private final SubjectExport export;

    PrivacyApi(OriginalReveal reveal, RevealAudit audit, eu.postdesk.pipeline.Outcomes outcomes, eu.postdesk.spool.Spool spool,
               AuditTrail trail, SubjectExport export) {
        this.reveal = reveal;
        this.audit = audit;
        this.outcomes = outcomes;
        this.spool = spool;
        this.trail = trail;
        this.export = export;
    }

    /** The sealed original of dropped mail that was kept (an agent answer the gate refused), by its {@code /api/dropped} id. */
    @GetMapping("/dropped/{id}/original")
    @Allowed(value = {ApiTokens.PRIVACY_OFFICER}, to = "open sealed originals")
    ResponseEntity<StreamingResponseBody> droppedOriginal(@PathVariable long id, @RequestParam(required = false) String reason,
                                                          HttpServletRequest request) throws java.io.IOException {
        if (!OriginalReveal.reasonGiven(reason)) {
            throw new ApiError(HttpStatus.BAD_REQUEST, "say why you open this original: ?reason=... (at least 10 characters); it is recorded");
        }
        long spoolId = outcomes.spoolIdOfDropped(id).orElseThrow(() -> ApiError.notFound("dropped mail " + id));
        InputStream original = spool.openSealed(spoolId).orElseThrow(() -> ApiError.notFound("a sealed original of dropped mail " + id
                + " (none was kept, or its sender's key was destroyed)"));
        try {
            audit.recordDropped(Caller.name(request), Caller.role(request), spoolId, reason.strip());
        } catch (RuntimeException e) {
            closeQuietly(original);
            throw e;
        }
        StreamingResponseBody body = out -> {
            try (InputStream in = original) {
                in.transferTo(out);
            }
        };
        return ResponseEntity.ok().contentType(MediaType.parseMediaType("message/rfc822")).header("Cache-Control", "no-store").body(body);
    }

    /**
     * A person's data as a ZIP ({@link SubjectExport}); their sealed originals only with
     * {@code ?reason=} (at least 10 characters, recorded). Every export is recorded.
     */
    @GetMapping("/privacy/subjects/{address}/export")
    @Allowed(value = {ApiTokens.PRIVACY_OFFICER}, to = "export a person's data")
    void export(@PathVariable String address, @RequestParam(required = false) String reason, HttpServletRequest request,
                HttpServletResponse response) throws java.io.IOException {
        if (address == null || address.length() > 512 || !address.matches("[^@\\s]+@[^@\\s]+")) {
            throw new ApiError(HttpStatus.BAD_REQUEST, "name the person by their e-mail address: /api/privacy/subjects/{address}/export");
        }
        if (reason != null && reason.strip().length() < 10) {
            throw new ApiError(HttpStatus.BAD_REQUEST, "originals are exported only for a stated reason: ?reason=... (at least 10 characters); it is recorded");
        }
        SubjectExport.Export zip = export.of(address, reason == null ? null : reason.strip(), Caller.name(request), Caller.role(request));
        // written on the request's own thread, straight into the response: no async timeout cuts a large export
        response.setContentType("application/zip");
        response.setHeader("Content-Disposition", "attachment; filename=\"postdesk-export.zip\"");
        response.setHeader("Cache-Control", "no-store");
        zip.writeTo(response.getOutputStream());
        response.flushBuffer();
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
        return trail.entries();
    }

    /** Recomputes the audit trail's hash chain: {@code {"intact", "records", "firstBroken", "problem"}}. */
    @GetMapping("/privacy/audit/verify")
    @Allowed(value = {ApiTokens.PRIVACY_OFFICER}, to = "verify the privacy audit log")
    Map<String, Object> verify(HttpServletRequest request) {
        return trail.verify().forApi();
    }

    private static void closeQuietly(InputStream in) {
        try {
            in.close();
        } catch (java.io.IOException ignored) {
            // nothing was read from it
        }
    }
}
