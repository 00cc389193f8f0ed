package eu.postdesk.mailets.authentication;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Reads {@code Authentication-Results} headers (RFC 8601) written by authserv-ids we trust: the
 * results in header order, each with its properties ({@code header.d}, {@code header.i},
 * {@code header.from}, ...). A header from any other authserv-id counts for nothing: anyone can
 * write one. One reader for {@link RecordAuthentication} and for the server's agent verification.
 */
public final class AuthenticationResults {
    private static final Pattern RESULT = Pattern.compile("^\\s*([A-Za-z0-9_.-]+)\\s*=\\s*([A-Za-z0-9_-]+)");
    private static final Pattern PROPERTY = Pattern.compile("([A-Za-z0-9_-]+\\.[A-Za-z0-9_.-]+)\\s*=\\s*(\"[^\"]*\"|[^\\s;]+)");

    /** One result: {@code dkim=pass header.d=example.com}. Method, result and property names are lower case. */
    public record Result(String method, String result, Map<String, String> properties) {
        public String property(String name) {
            return properties.get(name);
        }

        @Override
        public String toString() {
            return method + "=" + result;
        }
    }

    private final Set<String> trusted;

    public AuthenticationResults(Collection<String> trustedAuthservIds) {
        this.trusted = trustedAuthservIds.stream().map(String::strip).filter(s -> !s.isEmpty())
                .map(s -> s.toLowerCase(Locale.ROOT)).collect(Collectors.toUnmodifiableSet());
    }

    public boolean trustsNone() {
        return trusted.isEmpty();
    }

    /** The results of the first header from a trusted authserv-id; empty when there is none. */
    public Optional<List<Result>> firstTrusted(String[] headers) {
        if (headers == null) {
            return Optional.empty();
        }
        for (String header : headers) {
            Optional<List<Result>> results = trusted(header);
            if (results.isPresent()) {
                return results;
            }
        }
        return Optional.empty();
    }

    /** Every result of every header from a trusted authserv-id. */
    public List<Result> allTrusted(String[] headers) {
        List<Result> all = new ArrayList<>();
        if (headers != null) {
            for (String header : headers) {
                trusted(header).ifPresent(all::addAll);
            }
        }
        return all;
    }

    /** The results of one header when a trusted authserv-id wrote it (possibly none: {@code id; none}). */
    public Optional<List<Result>> trusted(String header) {
        String value = RecordAuthentication.withoutComments(header.replaceAll("\\r?\\n[ \\t]*", " ")).strip();
        int semicolon = value.indexOf(';');
        String authservId = (semicolon < 0 ? value : value.substring(0, semicolon)).strip().split("\\s+")[0];
        if (!trusted.contains(authservId.toLowerCase(Locale.ROOT))) {
            return Optional.empty();
        }
        List<Result> results = new ArrayList<>();
        if (semicolon >= 0) {
            for (String resinfo : value.substring(semicolon + 1).split(";")) {
                Matcher matcher = RESULT.matcher(resinfo);
                if (matcher.find()) {
                    Map<String, String> properties = new LinkedHashMap<>();
                    Matcher property = PROPERTY.matcher(resinfo.substring(matcher.end()));
                    while (property.find()) {
                        properties.putIfAbsent(property.group(1).toLowerCase(Locale.ROOT), unquoted(property.group(2)));
                    }
                    results.add(new Result(matcher.group(1).toLowerCase(Locale.ROOT), matcher.group(2).toLowerCase(Locale.ROOT),
                            Map.copyOf(properties)));
                }
            }
        }
        return Optional.of(List.copyOf(results));
    }

    private static String unquoted(String value) {
        return value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"") ? value.substring(1, value.length() - 1) : value;
    }
}
