package eu.postdesk;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.reflect.Method;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

import eu.postdesk.api.Allowed;
import eu.postdesk.api.ApiTokens;
import tools.jackson.databind.json.JsonMapper;

/**
 * Every endpoint the server maps, found through Spring's own handler mapping (so an endpoint added
 * tomorrow is walked too), called over real HTTP by a token of every role: the roles its
 * {@link Allowed} names get past the role check, every other role gets 403. The admin is an issued
 * admin token; the configured one ({@code postdesk.api.admin-token}) is walked too: it gets past
 * where an admin does, and into the read-only ticket endpoints ({@link Allowed#configuredAdmin}).
 */
class EndpointRolesTest extends RunningPostdesk {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    /** A path variable no row has: an allowed call ends in 404 or 400, never in a side effect. */
    private static final String NO_SUCH = "999999999";
    private static final String CONFIGURED_ADMIN = "the configured admin token";

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping mapping;

    record Endpoint(String method, String path, Allowed allowed, Method handler) {
    }

    private List<Endpoint> endpoints() {
        List<Endpoint> out = new ArrayList<>();
        mapping.getHandlerMethods().forEach((info, handler) -> {
            if (handler.getBeanType().getPackageName().startsWith("org.springdoc.")) {
                // springdoc's description of the API cannot carry @Allowed: RoleCheck lets every role read it
                return;
            }
            Set<RequestMethod> methods = info.getMethodsCondition().getMethods();
            for (String pattern : info.getPatternValues()) {
                for (RequestMethod method : methods.isEmpty() ? Set.of(RequestMethod.GET) : methods) {
                    out.add(new Endpoint(method.name(), pattern, handler.getMethodAnnotation(Allowed.class), handler.getMethod()));
                }
            }
        });
        return out;
    }

    private String issued(String role) {
        var response = post("/tokens", ADMIN_TOKEN, ApiTokens.AGENT.equals(role)
                ? Map.of("name", "endpoint walk " + role, "role", role, "agent", AGENT1)
                : Map.of("name", "endpoint walk " + role, "role", role));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        return JSON.readTree(response.body()).get("token").asString();
    }

    @Test
    void everyApiEndpointStatesItsRolesAndNamesOnlyKnownOnes() {
        List<Endpoint> api = endpoints().stream().filter(e -> e.path().startsWith("/api/")).toList();
        assertThat(api).as("the API's endpoints").hasSizeGreaterThan(10);
        for (Endpoint endpoint : api) {
            assertThat(endpoint.allowed()).as("@Allowed on %s %s (%s)", endpoint.method(), endpoint.path(), endpoint.handler()).isNotNull();
            assertThat(ApiTokens.ROLES).as("roles of %s %s", endpoint.method(), endpoint.path()).contains(endpoint.allowed().value());
        }
    }

    @Test
    void everyEndpointLetsInTheRolesItNamesAndRefusesTheOthers() {
        Map<String, String> tokens = new LinkedHashMap<>();
        tokens.put(ApiTokens.ADMIN, issued(ApiTokens.ADMIN));
        tokens.put(CONFIGURED_ADMIN, ADMIN_TOKEN);
        tokens.put(ApiTokens.PRIVACY_OFFICER, PRIVACY_OFFICER_TOKEN);
        tokens.put(ApiTokens.AGENT, issued(ApiTokens.AGENT));
        tokens.put(ApiTokens.SUPERVISOR, issued(ApiTokens.SUPERVISOR));
        assertThat(tokens.keySet()).as("a token for every role").containsAll(ApiTokens.ROLES);

        SoftAssertions softly = new SoftAssertions();
        int walked = 0;
        for (Endpoint endpoint : endpoints()) {
            if (!endpoint.path().startsWith("/api/") || endpoint.allowed() == null) {
                continue;
            }
            String path = endpoint.path().replaceAll("\\{[^}]+}", NO_SUCH);
            Set<String> allowed = new java.util.HashSet<>(Set.of(endpoint.allowed().value()));
            if (allowed.contains(ApiTokens.ADMIN) || endpoint.allowed().configuredAdmin() && endpoint.method().equals("GET")) {
                allowed.add(CONFIGURED_ADMIN);
            }
            for (var caller : tokens.entrySet()) {
                HttpResponse<String> response = call(endpoint.method(), path, caller.getValue());
                String what = endpoint.method() + " " + path + " as " + caller.getKey() + ": " + response.body();
                if (allowed.contains(caller.getKey())) {
                    softly.assertThat(response.statusCode()).as(what).isNotIn(401, 403);
                } else {
                    softly.assertThat(response.statusCode()).as(what).isEqualTo(403);
                    softly.assertThat(response.body()).as(what).contains("may not " + endpoint.allowed().to());
                }
                walked++;
            }
        }
        softly.assertAll();
        assertThat(walked).as("calls made").isGreaterThan(10 * ApiTokens.ROLES.size());
    }

    private HttpResponse<String> call(String method, String path, String token) {
        try {
            boolean body = method.equals("POST") || method.equals("PUT") || method.equals("PATCH");
            var request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + path))
                    .method(method, body ? HttpRequest.BodyPublishers.ofString("{}") : HttpRequest.BodyPublishers.noBody())
                    .header("Authorization", "Bearer " + token);
            if (body) {
                request.header("Content-Type", "application/json");
            }
            return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException | InterruptedException e) {
            throw new AssertionError(e);
        }
    }
}
