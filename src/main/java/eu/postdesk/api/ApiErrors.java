package eu.postdesk.api;

import java.util.Map;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.resource.NoResourceFoundException;

/** Every API error as JSON {@code {"error","message"}} with a fitting status. */
@RestControllerAdvice
class ApiErrors {
    @ExceptionHandler(ApiError.class)
    ResponseEntity<Map<String, String>> apiError(ApiError e) {
        return body(e.status(), e.getMessage());
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ResponseEntity<Map<String, String>> badArgument(MethodArgumentTypeMismatchException e) {
        return body(HttpStatus.BAD_REQUEST, "'" + e.getValue() + "' is not a valid " + e.getName());
    }

    @ExceptionHandler(NoResourceFoundException.class)
    ResponseEntity<Map<String, String>> noSuchPath(NoResourceFoundException e) {
        return body(HttpStatus.NOT_FOUND, "no such API path: /" + e.getResourcePath());
    }

    @ExceptionHandler(IllegalArgumentException.class)
    ResponseEntity<Map<String, String>> badRequest(IllegalArgumentException e) {
        return body(HttpStatus.BAD_REQUEST, e.getMessage());
    }

    private static ResponseEntity<Map<String, String>> body(HttpStatus status, String message) {
        return ResponseEntity.status(status).body(Map.of("error", status.getReasonPhrase().toLowerCase().replace(' ', '-'),
                "message", message == null ? status.getReasonPhrase() : message));
    }
}
