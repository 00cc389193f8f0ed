package eu.postdesk.api;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import eu.postdesk.privacy.Erasure;
import eu.postdesk.privacy.LegalHolds;
import eu.postdesk.privacy.ReceiptSigner;
import eu.postdesk.privacy.Retention;

/**
 * Erasure on request and legal holds, for the privacy officer: a request previews what it will
 * erase and runs only once confirmed; its receipt is signed (Ed25519) and checkable with the
 * public key at {@code /api/privacy/receipt-key}. See docs/erasure.md.
 */
@RestController
@RequestMapping("/api/privacy")
class ErasureApi {
    private static final int MAX_SUBJECTS = 20;

    private final Erasure erasure;
    private final LegalHolds holds;
    private final ReceiptSigner signer;
    private final Retention retention;

    ErasureApi(Erasure erasure, LegalHolds holds, ReceiptSigner signer, Retention retention) {
        this.retention = retention;
        this.erasure = erasure;
        this.holds = holds;
        this.signer = signer;
    }

    @PostMapping("/erasures")
    @Allowed(value = {ApiTokens.PRIVACY_OFFICER}, to = "request erasures")
    ResponseEntity<Map<String, Object>> request(@RequestBody(required = false) Map<String, Object> body, HttpServletRequest request) {
        if (body == null) {
            throw new ApiError(HttpStatus.BAD_REQUEST, "send {\"subjects\": [\"address\", ...], \"from\": \"YYYY-MM-DD\", \"to\": \"YYYY-MM-DD\", \"reason\": \"...\"}");
        }
        Object reason = body.get("reason");
        if (!(reason instanceof String text) || text.strip().length() < 5) {
            throw new ApiError(HttpStatus.BAD_REQUEST, "say why: \"reason\" (at least 5 characters, e.g. the customer's request of 2026-01-02); it goes into the receipt");
        }
        if (body.get("ticket") != null) {
            if (!(body.get("ticket") instanceof Number number) || body.get("subjects") != null) {
                throw new ApiError(HttpStatus.BAD_REQUEST, "name either \"subjects\" (a person's addresses) or \"ticket\" (one ticket's number)");
            }
            String id = erasure.requestTicket(number.longValue(), text.strip(), Caller.name(request))
                    .orElseThrow(() -> ApiError.notFound("ticket " + number.longValue()));
            return ResponseEntity.status(HttpStatus.CREATED).body(erasure.view(id).orElseThrow());
        }
        List<String> subjects = subjects(body.get("subjects"));
        LocalDate from = date(body.get("from"), "from");
        LocalDate to = date(body.get("to"), "to");
        if (from != null && to != null && to.isBefore(from)) {
            throw new ApiError(HttpStatus.BAD_REQUEST, "\"to\" is before \"from\"");
        }
        String id = erasure.request(new Erasure.Scope(subjects, from, to), text.strip(), Caller.name(request), "api");
        return ResponseEntity.status(HttpStatus.CREATED).body(erasure.view(id).orElseThrow());
    }

    @PostMapping("/erasures/{id}/confirm")
    @Allowed(value = {ApiTokens.PRIVACY_OFFICER}, to = "confirm erasures")
    Map<String, Object> confirm(@PathVariable String id, HttpServletRequest request) {
        var refusal = erasure.confirm(id, Caller.name(request));
        if (refusal.isPresent()) {
            throw switch (refusal.get()) {
                case NOT_FOUND -> ApiError.notFound("an erasure request " + safeId(id));
                case NOT_AWAITING -> new ApiError(HttpStatus.CONFLICT, "this erasure request is not awaiting confirmation (it was confirmed before)");
                case HELD -> new ApiError(HttpStatus.CONFLICT, "a legal hold on this customer stops the erasure; lift it first (GET /api/privacy/holds)");
            };
        }
        return erasure.view(id).orElseThrow();
    }

    @GetMapping("/erasures/{id}")
    @Allowed(value = {ApiTokens.PRIVACY_OFFICER}, to = "read erasure requests")
    Map<String, Object> view(@PathVariable String id, HttpServletRequest request) {
        return erasure.view(id).orElseThrow(() -> ApiError.notFound("an erasure request " + safeId(id)));
    }

    @GetMapping("/erasures")
    @Allowed(value = {ApiTokens.PRIVACY_OFFICER}, to = "read erasure requests")
    List<Map<String, Object>> all(HttpServletRequest request) {
        return erasure.all();
    }

    @GetMapping("/receipt-key")
    @Allowed(value = {ApiTokens.PRIVACY_OFFICER}, to = "read the receipt signing key")
    Map<String, String> receiptKey(HttpServletRequest request) {
        Map<String, String> out = new LinkedHashMap<>();
        out.put("algorithm", ReceiptSigner.ALGORITHM);
        out.put("publicKey", signer.publicKey());
        out.put("format", "X.509 SubjectPublicKeyInfo, base64 (wrap in -----BEGIN PUBLIC KEY----- for PEM)");
        out.put("signs", "the UTF-8 bytes of receipt.document; the signature is receipt.signature, base64");
        return out;
    }

    @PostMapping("/holds")
    @Allowed(value = {ApiTokens.PRIVACY_OFFICER}, to = "place legal holds")
    ResponseEntity<Map<String, Object>> hold(@RequestBody(required = false) Map<String, Object> body, HttpServletRequest request) {
        if (body == null) {
            throw new ApiError(HttpStatus.BAD_REQUEST, "send {\"ticket\": number} or {\"customer\": \"address\"} with \"reason\"");
        }
        Long ticket = body.get("ticket") instanceof Number n ? n.longValue() : null;
        String customer = body.get("customer") instanceof String s && !s.isBlank() ? s.strip() : null;
        if ((ticket == null) == (customer == null)) {
            throw new ApiError(HttpStatus.BAD_REQUEST, "name either \"ticket\" (its number) or \"customer\" (an address), not both");
        }
        if (customer != null && !customer.matches("[^@\\s]{1,200}@[^@\\s]{1,250}")) {
            throw new ApiError(HttpStatus.BAD_REQUEST, "\"customer\" is not an e-mail address");
        }
        if (!(body.get("reason") instanceof String reason) || reason.strip().length() < 5) {
            throw new ApiError(HttpStatus.BAD_REQUEST, "say why: \"reason\" (at least 5 characters)");
        }
        long id = holds.place(ticket, customer, reason.strip(), Caller.name(request));
        return ResponseEntity.status(HttpStatus.CREATED).body(Map.of("id", id));
    }

    @DeleteMapping("/holds/{id}")
    @Allowed(value = {ApiTokens.PRIVACY_OFFICER}, to = "lift legal holds")
    ResponseEntity<Void> lift(@PathVariable long id, HttpServletRequest request) {
        if (!holds.lift(id, Caller.name(request))) {
            throw ApiError.notFound("a legal hold " + id);
        }
        return ResponseEntity.noContent().build();
    }

    @GetMapping("/holds")
    @Allowed(value = {ApiTokens.PRIVACY_OFFICER}, to = "read legal holds")
    List<Map<String, Object>> holds(HttpServletRequest request) {
        return holds.all();
    }

    @GetMapping("/retention/preview")
    @Allowed(value = {ApiTokens.PRIVACY_OFFICER}, to = "preview retention")
    Map<String, Object> retentionPreview(HttpServletRequest request) {
        return Map.of("rules", retention.preview());
    }

    @GetMapping("/retention/runs")
    @Allowed(value = {ApiTokens.PRIVACY_OFFICER}, to = "read retention runs")
    List<Map<String, Object>> retentionRuns(HttpServletRequest request) {
        return retention.runs();
    }

    @PostMapping("/retention/runs")
    @Allowed(value = {ApiTokens.PRIVACY_OFFICER}, to = "run retention")
    ResponseEntity<Map<String, Object>> runRetention(HttpServletRequest request) {
        return retention.runNow().map(run -> ResponseEntity.status(HttpStatus.CREATED).body(run))
                .orElseThrow(() -> new ApiError(HttpStatus.CONFLICT, "a retention run is already under way (on this or another node)"));
    }

    private static List<String> subjects(Object value) {
        if (!(value instanceof List<?> list) || list.isEmpty() || list.size() > MAX_SUBJECTS) {
            throw new ApiError(HttpStatus.BAD_REQUEST, "\"subjects\": a list of 1 to " + MAX_SUBJECTS + " addresses of one person");
        }
        List<String> out = new ArrayList<>();
        for (Object item : list) {
            if (!(item instanceof String address) || !address.strip().matches("[^@\\s]{1,200}@[^@\\s]{1,250}")) {
                throw new ApiError(HttpStatus.BAD_REQUEST, "\"subjects\": every entry must be an e-mail address");
            }
            out.add(address.strip());
        }
        return out;
    }

    private static LocalDate date(Object value, String field) {
        if (value == null || (value instanceof String s && s.isBlank())) {
            return null;
        }
        try {
            return LocalDate.parse(value.toString().strip());
        } catch (DateTimeParseException e) {
            throw new ApiError(HttpStatus.BAD_REQUEST, "\"" + field + "\" must be a date YYYY-MM-DD");
        }
    }

    private static String safeId(String id) {
        return id.matches("[0-9a-f-]{36}") ? id : "(malformed id)";
    }
}
