package eu.postdesk.detect;

import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Passwords written into URLs, {@code scheme://user:password@host}: the password part. Database
 * schemes (postgres, mysql, mongodb+srv, redis, amqp, JDBC...) give {@code CONNECTION_STRING}, the
 * others {@code URL_PASSWORD}. Found from each {@code ://}, looking a bounded distance either way.
 */
public final class UrlCredentialDetector implements MarkedDetector {
    private static final int MAX_SCHEME = 32;
    private static final int MAX_USERINFO = 256;
    private static final Set<String> DATABASE_SCHEMES = Set.of("postgres", "postgresql", "mysql", "mariadb",
            "mongodb", "mongodb+srv", "redis", "rediss", "amqp", "amqps", "sqlserver", "mssql", "oracle", "db2",
            "cockroachdb", "clickhouse", "neo4j", "neo4j+s", "couchdb", "cassandra", "memcached", "ldap", "ldaps");

    @Override
    public String mark() {
        return "://";
    }

    @Override
    public void detect(String text, int[] marks, List<Finding> into) {
        int from = 0;
        int k = 0;
        while (true) {
            k = MarkedDetector.next(marks, k, from);
            if (k == marks.length) {
                return;
            }
            int sep = marks[k];
            from = sep + 3;
            int schemeStart = sep;
            while (schemeStart > 0 && sep - schemeStart < MAX_SCHEME && isSchemeChar(text.charAt(schemeStart - 1))) {
                schemeStart--;
            }
            if (schemeStart == sep) {
                continue;
            }
            int userStart = sep + 3;
            int at = -1;
            int colon = -1;
            int limit = Math.min(text.length(), userStart + MAX_USERINFO);
            for (int i = userStart; i < limit; i++) {
                char c = text.charAt(i);
                if (c == '@') {
                    at = i;
                } else if (c == ':' && colon < 0) {
                    colon = i;
                } else if (c == '/' || c == '?' || c == '#' || Character.isWhitespace(c) || c == '"' || c == '<'
                        || c == '>') {
                    break;
                }
            }
            if (at < 0 || colon < 0 || colon > at || at - colon < 2 || colon == userStart) {
                continue;
            }
            String scheme = text.substring(schemeStart, sep).toLowerCase(Locale.ROOT);
            int lastColon = scheme.lastIndexOf(':');
            String base = lastColon >= 0 ? scheme.substring(lastColon + 1) : scheme;
            String kind = DATABASE_SCHEMES.contains(base) || scheme.startsWith("jdbc:") ? "CONNECTION_STRING"
                    : "URL_PASSWORD";
            into.add(new Finding(kind, colon + 1, at));
            from = at + 1;
        }
    }

    private static boolean isSchemeChar(char c) {
        return ProviderSecretDetector.isAlnum(c) || c == '+' || c == '.' || c == '-' || c == ':';
    }
}
