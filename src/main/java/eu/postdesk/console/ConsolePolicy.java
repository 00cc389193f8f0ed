package eu.postdesk.console;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.security.web.header.HeaderWriter;

/**
 * The console's Content-Security-Policy: everything from the server itself, no inline script, no
 * framing by others, forms only to itself. Remote images stay blocked by the browser too, unless
 * the agent asked to see one message's images ({@link #allowRemoteImages}); then that one page
 * answers with {@code img-src} open to http(s), and only that message's images are left in place.
 */
final class ConsolePolicy implements HeaderWriter {
    static final String SESSION_COOKIE = "POSTDESK_CONSOLE";
    private static final String REMOTE_IMAGES = ConsolePolicy.class.getName() + ".remoteImages";
    private static final String POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:%s; "
            + "font-src 'self'; connect-src 'self'; frame-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

    static void allowRemoteImages(HttpServletRequest request) {
        request.setAttribute(REMOTE_IMAGES, Boolean.TRUE);
    }

    @Override
    public void writeHeaders(HttpServletRequest request, HttpServletResponse response) {
        boolean images = Boolean.TRUE.equals(request.getAttribute(REMOTE_IMAGES));
        response.setHeader("Content-Security-Policy", POLICY.formatted(images ? " https: http:" : ""));
        response.setHeader("Cross-Origin-Opener-Policy", "same-origin");
        response.setHeader("Permissions-Policy", "camera=(), microphone=(), geolocation=(), interest-cohort=()");
    }
}
