package eu.postdesk.authentication;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** DNS the test controls: records published by the test, nothing else exists. */
public final class TestDns implements DnsRecords {
    private final Map<String, List<String>> records = new ConcurrentHashMap<>();

    public TestDns publish(String name, Type type, String... values) {
        records.put(key(name, type), List.of(values));
        return this;
    }

    @Override
    public List<String> lookup(String name, Type type) {
        return records.getOrDefault(key(name, type), List.of());
    }

    private static String key(String name, Type type) {
        return type + " " + name.toLowerCase(Locale.ROOT).replaceAll("\\.$", "");
    }
}
