package eu.postdesk.api;

import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.ErrorResponse;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;

/**
 * Every API error as JSON {@code {"error","message","correlationId"}} with a fitting status. Only
 * our own {@link ApiError} texts reach the caller; any other exception gets the fixed text of its
 * status, and the log gets its class and the correlation id, never its message.
 */
@RestControllerAdvice(basePackageClasses = ApiErrors.class)
class ApiErrors {
    private static final Logger log = LoggerFactory.getLogger(ApiErrors.class);

    @ExceptionHandler(ApiError.class)
    ResponseEntity<Map<String, String>> apiError(ApiError e) {
        return body(e.status(), e.getMessage(), e);
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ResponseEntity<Map<String, String>> badArgument(MethodArgumentTypeMismatchException e) {
        // the parameter's name is ours; its value is the caller's and is not echoed
        return body(HttpStatus.BAD_REQUEST, "not a valid " + e.getName(), e);
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<Map<String, String>> anyOther(Exception e) {
        HttpStatus status = e instanceof ErrorResponse response ? HttpStatus.resolve(response.getStatusCode().value())
                : e instanceof IllegalArgumentException || e instanceof org.springframework.http.converter.HttpMessageNotReadableException
                ? HttpStatus.BAD_REQUEST : HttpStatus.INTERNAL_SERVER_ERROR;
        return body(status == null ? HttpStatus.INTERNAL_SERVER_ERROR : status, null, e);
    }

    private static ResponseEntity<Map<String, String>> body(HttpStatus status, String message, Exception e) {
        String correlationId = ErrorBody.newCorrelationId();
        if (status.is5xxServerError()) {
            log.warn("API call failed with {} ({}), correlation id {}", status.value(), e.getClass().getName(), correlationId);
        } else {
            log.debug("API call refused with {} ({}), correlation id {}", status.value(), e.getClass().getName(), correlationId);
        }
        return ResponseEntity.status(status).body(ErrorBody.of(status, message, correlationId));
    }
}
