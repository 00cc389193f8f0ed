package eu.postdesk.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A plain HTTP client of the console with its own cookies (the session), following no redirect: what a script would try. */
final class Visitor {
    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");
    private final String base;
    private final HttpClient http = HttpClient.newBuilder().cookieHandler(new CookieManager()).followRedirects(HttpClient.Redirect.NEVER).build();

    Visitor(String base) {
        this.base = base;
    }

    /** The CSRF token of the page's (first) form, ready for a form body. */
    static String token(String page) {
        Matcher token = CSRF.matcher(page);
        assertThat(token.find()).as("the page's form carries a CSRF token").isTrue();
        return URLEncoder.encode(token.group(1), StandardCharsets.UTF_8);
    }

    HttpResponse<String> get(String path, String... headers) throws Exception {
        var request = HttpRequest.newBuilder(URI.create(base + path)).GET();
        for (int i = 0; i + 1 < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> post(String path, String form) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(base + path)).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Posts the sign-in form with the token the form carries; answers where the console sends the visitor. */
    String signIn(String username, String password) throws Exception {
        String token = token(get("/login").body());
        var response = post("/login", "username=" + URLEncoder.encode(username, StandardCharsets.UTF_8) + "&password="
                + URLEncoder.encode(password, StandardCharsets.UTF_8) + "&_csrf=" + token);
        assertThat(response.statusCode()).isEqualTo(302);
        return response.headers().firstValue("Location").orElseThrow();
    }

    /** At {@code /enrol}: reads the secret shown once and confirms it with its current code; answers where the console sends the visitor next. */
    String enrolTotp(java.time.Instant now) throws Exception {
        String enrol = get("/enrol").body();
        Matcher secret = Pattern.compile("id=\"totp-secret\">([A-Z2-7 ]+)<").matcher(enrol);
        assertThat(secret.find()).as("the enrolment page shows the secret").isTrue();
        var enrolled = post("/enrol", "code=" + Totp.code(secret.group(1).replace(" ", ""), now) + "&_csrf=" + token(enrol));
        return enrolled.headers().firstValue("Location").orElseThrow();
    }
}
