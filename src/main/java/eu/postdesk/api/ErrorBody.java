package eu.postdesk.api;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import org.springframework.http.HttpStatus;

/**
 * The body of every API error: {@code {"error","message","correlationId"}}. The message is one of
 * our own fixed texts, never an exception's (those can quote addresses or content); the
 * correlation id is logged with the exception's class, so an operator can find the failure.
 */
final class ErrorBody {
    private ErrorBody() {
    }

    static String newCorrelationId() {
        return UUID.randomUUID().toString();
    }

    /** The fixed text for a status, for failures that carry no message of our own. */
    static String fixedMessage(HttpStatus status) {
        return switch (status) {
            case BAD_REQUEST -> "the request is not valid";
            case UNAUTHORIZED -> "a valid API token is required: Authorization: Bearer <token>";
            case FORBIDDEN -> "this role may not do that";
            case NOT_FOUND -> "no such API path or resource";
            case METHOD_NOT_ALLOWED -> "this method is not allowed here";
            case NOT_ACCEPTABLE -> "no acceptable representation";
            case UNSUPPORTED_MEDIA_TYPE -> "send JSON (Content-Type: application/json)";
            default -> status.is5xxServerError()
                    ? "the server could not answer this request; quote the correlation id to the operator"
                    : status.getReasonPhrase();
        };
    }

    static Map<String, String> of(HttpStatus status, String message, String correlationId) {
        Map<String, String> body = new LinkedHashMap<>();
        body.put("error", status.getReasonPhrase().toLowerCase(java.util.Locale.ROOT).replace(' ', '-'));
        body.put("message", message == null ? fixedMessage(status) : message);
        body.put("correlationId", correlationId);
        return body;
    }

    /** The same body as JSON text, for the filter that answers before Spring MVC. */
    static String json(HttpStatus status, String message, String correlationId) {
        StringBuilder json = new StringBuilder("{");
        of(status, message, correlationId).forEach((name, value) -> {
            if (json.length() > 1) {
                json.append(',');
            }
            json.append('"').append(name).append("\":\"").append(value.replace("\\", "\\\\").replace("\"", "\\\"")).append('"');
        });
        return json.append('}').toString();
    }
}
