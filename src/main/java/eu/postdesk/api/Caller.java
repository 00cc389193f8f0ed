package eu.postdesk.api;

import java.util.Set;

import jakarta.servlet.http.HttpServletRequest;

/** Who calls the API, as the bearer token says; checks what that caller's role may do. */
final class Caller {
    private Caller() {
    }

    static ApiTokens.Holder holder(HttpServletRequest request) {
        if (request.getAttribute(BearerTokenFilter.HOLDER) instanceof ApiTokens.Holder holder) {
            return holder;
        }
        throw new ApiError(org.springframework.http.HttpStatus.UNAUTHORIZED, "a valid API token is required");
    }

    static String role(HttpServletRequest request) {
        return holder(request).role();
    }

    /** The caller as audit records name it: the token's name, its id and who issued it. */
    static String name(HttpServletRequest request) {
        return holder(request).who();
    }

    static void mustBe(HttpServletRequest request, Set<String> roles, String what) {
        String role = role(request);
        if (!roles.contains(role)) {
            throw ApiError.forbidden("the role '" + role + "' may not " + what);
        }
    }
}
