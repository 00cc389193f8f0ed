package eu.postdesk.api;

import org.springframework.http.HttpStatus;

/** An API failure with the status and message the caller gets as {@code {"error","message"}}. */
public class ApiError extends RuntimeException {
    private final HttpStatus status;

    public ApiError(HttpStatus status, String message) {
        super(message);
        this.status = status;
    }

    public HttpStatus status() {
        return status;
    }

    public static ApiError notFound(String what) {
        return new ApiError(HttpStatus.NOT_FOUND, what + " not found");
    }

    public static ApiError forbidden(String message) {
        return new ApiError(HttpStatus.FORBIDDEN, message);
    }
}
