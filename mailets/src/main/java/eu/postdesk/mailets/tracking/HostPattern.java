package eu.postdesk.mailets.tracking;

import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;

import java.util.Locale;

/**
 * Which hosts and paths a rule applies to, as written in the rules files: a domain (with its
 * subdomains), {@code *}, or {@code ~regex}; a path prefix, {@code *}, or {@code ~regex}.
 */
final class HostPattern {
    private final String domain;
    private final Pattern hostRegex;
    private final String pathPrefix;
    private final Pattern pathRegex;
    /** The literal start every match of {@link #pathRegex} has: a cheap test before running the regex. */
    private final String pathRegexStart;
    /** Literal text every match of {@link #pathRegex} contains somewhere: the next cheap test. */
    private final String pathRegexNeeds;

    private HostPattern(String domain, Pattern hostRegex, String pathPrefix, Pattern pathRegex, String pathRegexText) {
        this.domain = domain;
        this.hostRegex = hostRegex;
        this.pathPrefix = pathPrefix;
        this.pathRegex = pathRegex;
        this.pathRegexStart = pathRegex == null ? "" : RegexLiterals.prefix(pathRegexText);
        this.pathRegexNeeds = pathRegex == null ? "" : RegexLiterals.required(pathRegexText);
    }

    static HostPattern of(String host, String path) {
        String domain = null;
        Pattern hostRegex = null;
        if (host.startsWith("~")) {
            hostRegex = compile(host.substring(1), "host");
        } else if (!host.equals("*")) {
            if (!host.matches("[A-Za-z0-9.-]+") || host.startsWith(".") || !host.contains(".")) {
                throw new IllegalArgumentException("host must be a domain such as example.com, * or ~regex, got '" + host + "'");
            }
            domain = host.toLowerCase(Locale.ROOT);
        }
        String pathPrefix = null;
        Pattern pathRegex = null;
        if (path.startsWith("~")) {
            pathRegex = compile(path.substring(1), "path");
        } else if (!path.equals("*")) {
            if (!path.startsWith("/")) {
                throw new IllegalArgumentException("path must start with /, or be * or ~regex, got '" + path + "'");
            }
            pathPrefix = path;
        }
        if (domain == null && hostRegex == null && pathPrefix == null && pathRegex == null) {
            throw new IllegalArgumentException("host * with path * would match every URL");
        }
        return new HostPattern(domain, hostRegex, pathPrefix, pathRegex, pathRegex == null ? "" : path.substring(1));
    }

    /** The domain this pattern is indexed under, or {@code null} when it must be tried on every host. */
    String domain() {
        return domain;
    }

    boolean hasHostRegex() {
        return hostRegex != null;
    }

    /** Whether a URL on this host could match: false when the host regex rules the host out. */
    boolean mayMatchHost(String host) {
        return hostRegex == null || hostRegex.matches(host);
    }

    boolean matches(WebAddress address) {
        String host = address.host();
        if (domain != null && !(host.endsWith(domain)
                && (host.length() == domain.length() || host.charAt(host.length() - domain.length() - 1) == '.'))) {
            return false;
        }
        if (hostRegex != null && !hostRegex.matches(host)) {
            return false;
        }
        String path = address.pathAndQuery();
        if (pathPrefix != null) {
            return path.startsWith(pathPrefix)
                    || (pathPrefix.equals("/") && path.isEmpty());
        }
        return pathRegex == null || path.startsWith(pathRegexStart) && path.contains(pathRegexNeeds) && pathRegex.matcher(path).lookingAt();
    }

    private static Pattern compile(String regex, String what) {
        try {
            return Pattern.compile(regex);
        } catch (PatternSyntaxException e) {
            throw new IllegalArgumentException("invalid " + what + " regex: " + e.getMessage());
        }
    }
}
