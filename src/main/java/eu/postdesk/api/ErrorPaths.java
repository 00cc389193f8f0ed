package eu.postdesk.api;

import java.util.Map;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Spring's own {@code /error}, where the servlet container sends what failed outside the API's
 * handlers: the same JSON as every other error, with a fixed message and a correlation id. It
 * replaces Boot's error controller, which would repeat the exception's message.
 */
@RestController
class ErrorPaths implements ErrorController {
    private static final Logger log = LoggerFactory.getLogger(ErrorPaths.class);

    @RequestMapping(value = "/error", produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<Map<String, String>> error(HttpServletRequest request) {
        HttpStatus status = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE) instanceof Integer code
                ? HttpStatus.resolve(code) : HttpStatus.NOT_FOUND;
        if (status == null) {
            status = HttpStatus.INTERNAL_SERVER_ERROR;
        }
        String correlationId = ErrorBody.newCorrelationId();
        Object exception = request.getAttribute(RequestDispatcher.ERROR_EXCEPTION);
        log.debug("error page {} ({}), correlation id {}", status.value(),
                exception == null ? "no exception" : exception.getClass().getName(), correlationId);
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_JSON).body(ErrorBody.of(status, null, correlationId));
    }
}
