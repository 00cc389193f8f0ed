package eu.postdesk.api;

import java.util.Set;

import jakarta.servlet.http.HttpServletRequest;

/** The role of whoever calls the API, as the bearer token says; checks what that role may do. */
final class Caller {
    private Caller() {
    }

    static String role(HttpServletRequest request) {
        return String.valueOf(request.getAttribute(BearerTokenFilter.ROLE));
    }

    static String name(HttpServletRequest request) {
        return String.valueOf(request.getAttribute(BearerTokenFilter.NAME));
    }

    static void mustBe(HttpServletRequest request, Set<String> roles, String what) {
        String role = role(request);
        if (!roles.contains(role)) {
            throw ApiError.forbidden("the role '" + role + "' may not " + what);
        }
    }
}
