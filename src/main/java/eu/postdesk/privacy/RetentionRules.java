package eu.postdesk.privacy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * The retention rules of {@code conf/retention.yml}, as data: each rule a kind, a number of days and
 * optionally the queue (support address) it applies to; and whether customers with nothing left are
 * forgotten (their data key destroyed). A rule that cannot be read is refused with the file, the rule
 * and the field to fix.
 */
public record RetentionRules(List<Rule> rules, boolean forgetCustomers) {
    /** Solved or closed tickets, N days after closing. */
    public static final String CLOSED_TICKETS = "closed-tickets";
    /** Any ticket after N days without activity. */
    public static final String INACTIVE_TICKETS = "inactive-tickets";
    /** The raw bytes of quarantined messages, N days after arrival (the quarantine record stays). */
    public static final String RAW_BYTES = "raw-bytes";
    /** Sealed originals, N days after arrival; the masked copy agents see stays with its ticket. */
    public static final String SEALED_ORIGINALS = "sealed-originals";
    private static final Set<String> KINDS = Set.of(CLOSED_TICKETS, INACTIVE_TICKETS, RAW_BYTES, SEALED_ORIGINALS);

    public record Rule(String name, String kind, int days, String queue) {
    }

    public static RetentionRules none() {
        return new RetentionRules(List.of(), false);
    }

    /** Reads the rules; {@code origin} names the file in messages. */
    public static RetentionRules parse(String yaml, String origin) {
        Object root;
        try {
            root = new Yaml(new SafeConstructor(new LoaderOptions())).load(yaml);
        } catch (RuntimeException e) {
            throw new IllegalStateException(origin + " is not valid YAML (" + e.getClass().getSimpleName() + ")", e);
        }
        if (root == null) {
            return none();
        }
        if (!(root instanceof Map<?, ?> top)) {
            throw new IllegalStateException(origin + ": expected 'rules:' (a list) and 'forget-customers:' (true or false)");
        }
        List<Rule> rules = new ArrayList<>();
        Object listed = top.get("rules");
        if (listed != null && !(listed instanceof List<?>)) {
            throw new IllegalStateException(origin + ": 'rules' must be a list of rules");
        }
        int index = 0;
        for (Object item : listed == null ? List.of() : (List<?>) listed) {
            String where = origin + ": rules[" + index++ + "]";
            if (!(item instanceof Map<?, ?> rule)) {
                throw new IllegalStateException(where + " must have name, kind and days");
            }
            String name = rule.get("name") == null ? where : rule.get("name").toString();
            String kind = String.valueOf(rule.get("kind"));
            if (!KINDS.contains(kind)) {
                throw new IllegalStateException(where + ".kind must be one of " + String.join(", ", KINDS.stream().sorted().toList()) + ", got '" + kind + "'");
            }
            if (!(rule.get("days") instanceof Integer days) || days < 1 || days > 36500) {
                throw new IllegalStateException(where + ".days must be a whole number of days between 1 and 36500");
            }
            Object queue = rule.get("queue");
            if (queue != null && (kind.equals(RAW_BYTES) || !queue.toString().matches("[^@\\s]+@[^@\\s]+"))) {
                throw new IllegalStateException(where + ".queue must be a support address, and only ticket rules have one");
            }
            rules.add(new Rule(name, kind, days, queue == null ? null : queue.toString().toLowerCase(java.util.Locale.ROOT)));
        }
        Object forget = top.get("forget-customers");
        if (forget != null && !(forget instanceof Boolean)) {
            throw new IllegalStateException(origin + ": forget-customers must be true or false");
        }
        return new RetentionRules(List.copyOf(rules), Boolean.TRUE.equals(forget));
    }
}
