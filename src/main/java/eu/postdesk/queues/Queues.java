package eu.postdesk.queues;

import java.io.StringReader;
import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.springframework.stereotype.Component;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

import eu.postdesk.ConfFiles;
import eu.postdesk.PostdeskProperties;
import eu.postdesk.outbound.CustomerLanguage;

/**
 * The queues, as data: {@code conf/queues.yml} (see {@code docs/queues.md}). Read and checked once
 * at start; a mistake stops the server with the file, the line, the key and what to write instead.
 */
@Component
public class Queues {
    /** The entry that stands for every support address without its own. */
    public static final String DEFAULT = "default";
    private static final Pattern TARGET = Pattern.compile("(\\d{1,4})\\s*(m|h|d)\\s+(round-the-clock|business)");
    private static final Pattern TIMETABLE = Pattern.compile(
            "(?<days>[A-Za-z]{3}(?:\\s*[-,]\\s*[A-Za-z]{3})*)(?:\\s+(?<opens>\\d{2}:\\d{2})-(?<closes>\\d{2}:\\d{2}))?\\s+(?<zone>\\S+)");

    private final Map<String, Queue> queues = new LinkedHashMap<>();
    private final Map<Integer, ResponseTarget> targets = new LinkedHashMap<>();
    private final Map<String, List<String>> incidentKeywords = new LinkedHashMap<>();
    private final String origin;
    private final String primary;

    public Queues(ConfFiles conf, PostdeskProperties properties) {
        String name = properties.getQueues().getFile();
        this.origin = conf.origin(name);
        this.primary = properties.primarySupportAddress();
        String text = conf.text(name).orElseThrow(() -> new IllegalStateException(
                origin + " is missing: the queues (hours, languages, response targets) are read from it; copy conf/queues.yml from the distribution"));
        read(text);
        for (String address : properties.getSupportAddresses()) {
            queueFor(address);
        }
    }

    /** The queue of a support address: its own entry, else the default one; null: the primary address's. */
    public Queue queueFor(String address) {
        String key = (address == null ? primary : address).strip().toLowerCase(Locale.ROOT);
        Queue own = queues.get(key);
        if (own != null) {
            return own;
        }
        Queue fallback = queues.get(DEFAULT);
        if (fallback == null) {
            throw new IllegalStateException(origin + ": no queue for " + key + " and no 'address: default' entry: add one of them under 'queues'");
        }
        return fallback;
    }

    /**
     * The language a ticket is answered in: the customer's, when the queue speaks it; otherwise the
     * queue's default language; English when even that has no template.
     */
    public String languageFor(Queue queue, Optional<String> customers) {
        if (customers.isPresent() && queue.speaks(customers.get()) && CustomerLanguage.supported().contains(customers.get())) {
            return customers.get();
        }
        return CustomerLanguage.supported().contains(queue.defaultLanguage()) ? queue.defaultLanguage() : CustomerLanguage.FALLBACK;
    }

    /** When the first response to a ticket of this severity, opened at {@code openedAt}, is due. */
    public Instant firstResponseDue(Queue queue, String language, int severity, Instant openedAt) {
        ResponseTarget target = targets.get(severity);
        if (target == null) {
            target = targets.get(3);
        }
        return target.dueFrom(openedAt, queue.hoursFor(language));
    }

    /** The first configured incident phrase the text contains, in any language. */
    public Optional<String> incidentKeywordIn(String text) {
        if (text == null) {
            return Optional.empty();
        }
        String lower = text.toLowerCase(Locale.ROOT).replaceAll("\\s+", " ");
        return incidentKeywords.values().stream().flatMap(List::stream).filter(lower::contains).findFirst();
    }

    public ResponseTarget target(int severity) {
        return targets.get(severity);
    }

    // ---- reading the file ----

    private void read(String text) {
        Node root;
        try {
            LoaderOptions options = new LoaderOptions();
            options.setAllowDuplicateKeys(false);
            root = new Yaml(options).compose(new StringReader(text));
        } catch (RuntimeException e) {
            throw new IllegalStateException(origin + ": not valid YAML: " + e.getMessage().lines().findFirst().orElse(""), e);
        }
        MappingNode top = mapping(root, "the file", "a mapping with 'first-response', 'queues' and optionally 'holidays' and 'incident-keywords'");
        Map<String, Node> keys = entries(top, Set.of("holidays", "first-response", "incident-keywords", "queues"));
        Set<LocalDate> holidays = keys.containsKey("holidays") ? dates(keys.get("holidays"), "holidays") : Set.of();
        Node firstResponse = required(keys, "first-response", top);
        for (NodeTuple entry : mapping(firstResponse, "first-response", "severities 1-4, each e.g. '4h business'").getValue()) {
            String severity = scalar(entry.getKeyNode(), "first-response");
            if (!severity.matches("[1-4]")) {
                throw error(entry.getKeyNode(), "first-response." + severity, "is not a severity: use 1, 2, 3 or 4");
            }
            String value = scalar(entry.getValueNode(), "first-response." + severity);
            Matcher m = TARGET.matcher(value.strip());
            if (!m.matches()) {
                throw error(entry.getValueNode(), "first-response." + severity, "'" + value + "' is not a target: write e.g. '1h round-the-clock', '4h business' or '3d business'");
            }
            targets.put(Integer.parseInt(severity), new ResponseTarget(Long.parseLong(m.group(1)), m.group(2), m.group(3).equals("round-the-clock")));
        }
        for (int severity = 1; severity <= 4; severity++) {
            if (!targets.containsKey(severity)) {
                throw error(firstResponse, "first-response", "names no target for severity " + severity + ": add e.g. '" + severity + ": 1d business'");
            }
        }
        if (keys.containsKey("incident-keywords")) {
            for (NodeTuple entry : mapping(keys.get("incident-keywords"), "incident-keywords", "languages, each with a list of phrases").getValue()) {
                String language = scalar(entry.getKeyNode(), "incident-keywords");
                List<String> phrases = new ArrayList<>();
                for (Node phrase : sequence(entry.getValueNode(), "incident-keywords." + language, "a list of phrases, e.g. [production down]")) {
                    String p = scalar(phrase, "incident-keywords." + language).strip().toLowerCase(Locale.ROOT).replaceAll("\\s+", " ");
                    if (p.length() < 3) {
                        throw error(phrase, "incident-keywords." + language, "'" + p + "' is too short to mean an incident: use a phrase of 3 characters or more");
                    }
                    phrases.add(p);
                }
                incidentKeywords.put(language, List.copyOf(phrases));
            }
        }
        Node queueList = required(keys, "queues", top);
        for (Node item : sequence(queueList, "queues", "a list of queues, each with 'address', 'default-language' and 'hours'")) {
            Queue queue = queue(item, holidays);
            if (queues.put(queue.address(), queue) != null) {
                throw error(item, "queues", "names " + queue.address() + " twice: keep one entry per address");
            }
        }
    }

    private Queue queue(Node item, Set<LocalDate> commonHolidays) {
        MappingNode map = mapping(item, "queues[]", "a mapping with 'address', 'default-language', 'hours' and optionally 'satisfaction' and 'holidays'");
        Map<String, Node> keys = entries(map, Set.of("address", "default-language", "hours", "satisfaction", "holidays"));
        String address = scalar(required(keys, "address", map), "address").strip().toLowerCase(Locale.ROOT);
        if (!address.equals(DEFAULT) && !address.matches("[^@\\s]+@[^@\\s]+")) {
            throw error(keys.get("address"), "queues[].address", "'" + address + "' is neither a support address nor 'default'");
        }
        String where = "queues[" + address + "]";
        Set<LocalDate> holidays = new HashSet<>(commonHolidays);
        if (keys.containsKey("holidays")) {
            holidays.addAll(dates(keys.get("holidays"), where + ".holidays"));
        }
        Map<String, BusinessHours> hours = new LinkedHashMap<>();
        for (NodeTuple entry : mapping(required(keys, "hours", map), where + ".hours", "languages, each e.g. 'Mon-Fri 08:00-16:00 Europe/Warsaw' or '24/7'").getValue()) {
            String language = scalar(entry.getKeyNode(), where + ".hours").strip().toLowerCase(Locale.ROOT);
            if (!language.matches("[a-z]{2}")) {
                throw error(entry.getKeyNode(), where + ".hours", "'" + language + "' is not a two-letter language code (en, pl, ...)");
            }
            hours.put(language, timetable(entry.getValueNode(), where + ".hours." + language, holidays));
        }
        String defaultLanguage = scalar(required(keys, "default-language", map), where + ".default-language").strip().toLowerCase(Locale.ROOT);
        if (!hours.containsKey(defaultLanguage)) {
            throw error(keys.get("default-language"), where + ".default-language", "'" + defaultLanguage + "' has no hours: add it under " + where + ".hours");
        }
        boolean satisfaction = true;
        if (keys.containsKey("satisfaction")) {
            String value = scalar(keys.get("satisfaction"), where + ".satisfaction").strip();
            if (!value.equals("true") && !value.equals("false")) {
                throw error(keys.get("satisfaction"), where + ".satisfaction", "must be true or false, got '" + value + "'");
            }
            satisfaction = Boolean.parseBoolean(value);
        }
        return new Queue(address, defaultLanguage, Map.copyOf(hours), satisfaction);
    }

    private BusinessHours timetable(Node node, String key, Set<LocalDate> holidays) {
        String value = scalar(node, key).strip();
        if (value.equals("24/7")) {
            return BusinessHours.roundTheClock();
        }
        Matcher m = TIMETABLE.matcher(value);
        String fix = "write '24/7' or days, optional hours and a time zone, e.g. 'Mon-Fri 08:00-16:00 Europe/Helsinki' or 'Sun-Thu 09:00-18:00 Asia/Riyadh'";
        if (!m.matches()) {
            throw error(node, key, "'" + value + "' is not a timetable: " + fix);
        }
        try {
            Set<DayOfWeek> days = days(m.group("days"));
            LocalTime opens = m.group("opens") == null ? LocalTime.MIDNIGHT : LocalTime.parse(m.group("opens"));
            LocalTime closes = m.group("closes") == null || m.group("closes").equals("24:00") ? null : LocalTime.parse(m.group("closes"));
            return BusinessHours.of(ZoneId.of(m.group("zone")), days, opens, closes, holidays);
        } catch (DateTimeException | IllegalArgumentException e) {
            throw error(node, key, "'" + value + "': " + e.getMessage() + "; " + fix);
        }
    }

    private static Set<DayOfWeek> days(String text) {
        Set<DayOfWeek> days = EnumSet.noneOf(DayOfWeek.class);
        for (String part : text.split("\\s*,\\s*")) {
            String[] range = part.split("\\s*-\\s*");
            DayOfWeek from = day(range[0]);
            DayOfWeek to = range.length > 1 ? day(range[1]) : from;
            for (DayOfWeek d = from; ; d = d.plus(1)) {
                days.add(d);
                if (d == to) {
                    break;
                }
            }
        }
        return days;
    }

    private static DayOfWeek day(String name) {
        for (DayOfWeek d : DayOfWeek.values()) {
            if (d.name().substring(0, 3).equalsIgnoreCase(name)) {
                return d;
            }
        }
        throw new IllegalArgumentException("'" + name + "' is not a day (Mon, Tue, Wed, Thu, Fri, Sat, Sun)");
    }

    private Set<LocalDate> dates(Node node, String key) {
        Set<LocalDate> dates = new HashSet<>();
        for (Node item : sequence(node, key, "a list of dates, e.g. [2026-12-24, 2026-12-25]")) {
            String value = scalar(item, key).strip();
            try {
                dates.add(LocalDate.parse(value));
            } catch (DateTimeException e) {
                throw error(item, key, "'" + value + "' is not a date: write YYYY-MM-DD, e.g. 2026-12-24");
            }
        }
        return dates;
    }

    private Map<String, Node> entries(MappingNode map, Set<String> known) {
        Map<String, Node> out = new LinkedHashMap<>();
        for (NodeTuple entry : map.getValue()) {
            String key = scalar(entry.getKeyNode(), "a key");
            if (!known.contains(key)) {
                throw error(entry.getKeyNode(), key, "is not a known key here: use " + String.join(", ", known.stream().sorted().toList()));
            }
            out.put(key, entry.getValueNode());
        }
        return out;
    }

    private Node required(Map<String, Node> keys, String key, Node parent) {
        Node node = keys.get(key);
        if (node == null) {
            throw error(parent, key, "is missing: add it (see docs/queues.md)");
        }
        return node;
    }

    private MappingNode mapping(Node node, String key, String expected) {
        if (node instanceof MappingNode map) {
            return map;
        }
        throw error(node, key, "must be " + expected);
    }

    private List<Node> sequence(Node node, String key, String expected) {
        if (node instanceof SequenceNode list) {
            return list.getValue();
        }
        throw error(node, key, "must be " + expected);
    }

    private String scalar(Node node, String key) {
        if (node instanceof ScalarNode scalar) {
            return scalar.getValue();
        }
        throw error(node, key, "must be a single value, not a list or mapping");
    }

    private IllegalStateException error(Node node, String key, String problem) {
        String line = node == null ? "" : " line " + (node.getStartMark().getLine() + 1);
        return new IllegalStateException(origin + line + ": " + key + " " + problem);
    }
}
