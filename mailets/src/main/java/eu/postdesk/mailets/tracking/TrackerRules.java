package eu.postdesk.mailets.tracking;

import eu.postdesk.mailets.RuleLines;

import org.apache.mailet.MailetException;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The tracker services, click wrappers and tracking parameters, read once from the rules files:
 * the defaults in the jar ({@code /postdesk-conf/tracking/}) plus an operator's extra file or folder.
 * Immutable once loaded.
 */
public final class TrackerRules {
    private static final String DEFAULTS = "/postdesk-conf/tracking/";

    private final List<TrackerService> services;
    private final List<ClickWrapper> wrappers;
    private final List<TrackingParameter> parameters;
    private final DomainIndex<TrackerService> serviceIndex;
    private final DomainIndex<ClickWrapper> wrapperIndex;
    private final java.util.Map<String, TrackingParameter> exactParameters = new java.util.HashMap<>();
    private final List<TrackingParameter> prefixParameters = new ArrayList<>();

    private TrackerRules(List<TrackerService> services, List<ClickWrapper> wrappers, List<TrackingParameter> parameters) {
        this.services = List.copyOf(services);
        this.wrappers = List.copyOf(wrappers);
        this.parameters = List.copyOf(parameters);
        this.serviceIndex = new DomainIndex<>(this.services, TrackerService::where);
        this.wrapperIndex = new DomainIndex<>(this.wrappers, ClickWrapper::where);
        for (TrackingParameter parameter : this.parameters) {
            if (parameter.prefix()) {
                prefixParameters.add(parameter);
            } else {
                exactParameters.putIfAbsent(parameter.name(), parameter);
            }
        }
    }

    /** The rules shipped in the jar. */
    public static TrackerRules defaults() throws MailetException {
        return load(null);
    }

    /**
     * The rules shipped in the jar plus those in {@code extra}: a rules file (its name says its kind:
     * services*, wrappers* or parameters*) or a folder of them. {@code null} for none.
     */
    public static TrackerRules load(Path extra) throws MailetException {
        Builder builder = new Builder();
        for (String kind : List.of("services", "wrappers", "parameters")) {
            String resource = DEFAULTS + kind + ".txt";
            try (InputStream in = TrackerRules.class.getResourceAsStream(resource)) {
                if (in == null) {
                    throw new MailetException("The default tracking rules " + resource + " are missing from the classpath");
                }
                builder.read(kind, resource, in);
            } catch (IOException e) {
                throw new MailetException("Cannot read " + resource + ": " + e.getMessage(), e);
            }
        }
        if (extra != null) {
            builder.readOperatorRules(extra);
        }
        return builder.build();
    }

    int serviceCount() {
        return (int) services.stream().map(TrackerService::name).distinct().count();
    }

    int wrapperCount() {
        return wrappers.size();
    }

    int parameterCount() {
        return parameters.size();
    }

    /** The services and wrappers that may apply to a host; see {@link LinkCleaner}, which keeps them per message. */
    HostRules rulesFor(String host) {
        return new HostRules(serviceIndex.candidates(host), wrapperIndex.candidates(host));
    }

    record HostRules(List<TrackerService> services, List<ClickWrapper> wrappers) {
        TrackerService service(WebAddress address, boolean images) {
            for (TrackerService service : services) {
                if ((images ? service.role().tracksOpens() : service.role().wrapsClicks()) && service.where().matches(address)) {
                    return service;
                }
            }
            return null;
        }

        /** The open-tracking path shape ({@link Role#SHAPE}) an image URL has, or {@code null}. */
        TrackerService shape(WebAddress address) {
            for (TrackerService service : services) {
                if (service.role() == Role.SHAPE && service.where().matches(address)) {
                    return service;
                }
            }
            return null;
        }

        ClickWrapper wrapper(WebAddress address) {
            for (ClickWrapper wrapper : wrappers) {
                if (wrapper.where().matches(address)) {
                    return wrapper;
                }
            }
            return null;
        }
    }

    /** The rule for a query parameter name, or {@code null} when it is not a tracking parameter. */
    TrackingParameter parameter(String name) {
        TrackingParameter exact = exactParameters.get(name);
        if (exact != null) {
            return exact;
        }
        for (TrackingParameter parameter : prefixParameters) {
            if (parameter.matches(name)) {
                return parameter;
            }
        }
        return null;
    }

    private static final class Builder {
        private final List<TrackerService> services = new ArrayList<>();
        private final List<ClickWrapper> wrappers = new ArrayList<>();
        private final List<TrackingParameter> parameters = new ArrayList<>();

        void readOperatorRules(Path extra) throws MailetException {
            if (Files.isDirectory(extra)) {
                List<Path> files;
                try (Stream<Path> listing = Files.list(extra)) {
                    files = listing.filter(p -> kindOf(p) != null).sorted().toList();
                } catch (IOException e) {
                    throw new MailetException("Cannot list the tracking rules folder " + extra + ": " + e.getMessage(), e);
                }
                for (Path file : files) {
                    readFile(file);
                }
            } else if (Files.isRegularFile(extra)) {
                if (kindOf(extra) == null) {
                    throw new MailetException("Cannot tell the kind of tracking rules file " + extra
                            + ": its name must start with services, wrappers or parameters and end with .txt");
                }
                readFile(extra);
            } else {
                throw new MailetException("The tracking rules file or folder " + extra + " does not exist");
            }
        }

        private void readFile(Path file) throws MailetException {
            try (InputStream in = Files.newInputStream(file)) {
                read(kindOf(file), file.toString(), in);
            } catch (IOException e) {
                throw new MailetException("Cannot read " + file + ": " + e.getMessage(), e);
            }
        }

        private static String kindOf(Path file) {
            String name = file.getFileName().toString();
            if (!name.endsWith(".txt")) {
                return null;
            }
            for (String kind : List.of("services", "wrappers", "parameters")) {
                if (name.startsWith(kind)) {
                    return kind;
                }
            }
            return null;
        }

        void read(String kind, String source, InputStream in) throws IOException, MailetException {
            for (RuleLines.Line line : RuleLines.read(source, in)) {
                String[] fields = line.text().split("\\s*\\|\\s*", -1);
                try {
                    switch (kind) {
                        case "services" -> services.add(service(fields));
                        case "wrappers" -> wrappers.add(wrapper(fields));
                        default -> parameters.add(parameter(fields));
                    }
                } catch (IllegalArgumentException e) {
                    throw new MailetException(source + " line " + line.number() + ": " + e.getMessage());
                }
            }
        }

        private static TrackerService service(String[] fields) {
            expect(fields, 4, "service | host | path | role");
            Role role;
            try {
                role = Role.valueOf(fields[3].toUpperCase(java.util.Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("role must be open, click, any or shape, got '" + fields[3] + "'");
            }
            return new TrackerService(fields[0], HostPattern.of(fields[1], fields[2]), role);
        }

        private static ClickWrapper wrapper(String[] fields) {
            expect(fields, 4, "service | host | path | method");
            return ClickWrapper.of(fields[0], HostPattern.of(fields[1], fields[2]), fields[3]);
        }

        private static TrackingParameter parameter(String[] fields) {
            if (fields.length < 2 || fields.length > 3) {
                throw new IllegalArgumentException("expected 'name | service [| keep-on-unsubscribe]'");
            }
            String name = fields[0];
            boolean prefix = name.endsWith("*");
            if (prefix) {
                name = name.substring(0, name.length() - 1);
            }
            if (name.isEmpty() || !name.matches("[A-Za-z0-9_.\\-\\[\\]]+")) {
                throw new IllegalArgumentException("invalid parameter name '" + fields[0] + "'");
            }
            if (fields[1].isEmpty()) {
                throw new IllegalArgumentException("the service name is missing");
            }
            boolean keep = false;
            if (fields.length == 3) {
                if (!fields[2].equals("keep-on-unsubscribe")) {
                    throw new IllegalArgumentException("unknown option '" + fields[2] + "', only keep-on-unsubscribe is known");
                }
                keep = true;
            }
            return new TrackingParameter(name, prefix, fields[1], keep);
        }

        private static void expect(String[] fields, int count, String format) {
            if (fields.length != count || fields[0].isEmpty()) {
                throw new IllegalArgumentException("expected '" + format + "'");
            }
        }

        TrackerRules build() {
            return new TrackerRules(services, wrappers, parameters);
        }
    }
}
