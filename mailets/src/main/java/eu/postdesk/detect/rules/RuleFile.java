package eu.postdesk.detect.rules;

import com.electronwill.nightconfig.core.Config;
import com.electronwill.nightconfig.core.io.ParsingException;
import com.electronwill.nightconfig.toml.TomlParser;
import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * One rule file in gitleaks' TOML format: {@code [[rules]]} with {@code id}, {@code regex},
 * {@code secretGroup}, {@code entropy}, {@code keywords}, {@code path} and their allowlists (the
 * {@code [[rules.allowlists]]} array or the older {@code [rules.allowlist]} table); the global
 * {@code [allowlist]} table and {@code [[allowlists]]} array (with {@code targetRules}); and
 * {@code [extend] disabledRules}. Fields gitleaks uses only for reporting ({@code description},
 * {@code tags}, {@code title}) are read past. Every regex is compiled here, so a file that loads
 * can run.
 */
public record RuleFile(String name, List<SecretRule> rules, List<Allowlist> globalAllowlists, Set<String> disabledRules) {
    public RuleFile {
        rules = List.copyOf(rules);
        globalAllowlists = List.copyOf(globalAllowlists);
        disabledRules = Set.copyOf(disabledRules);
    }

    /** Parses {@code content}; {@code name} (a path or classpath location) is used in error messages. */
    public static RuleFile parse(String name, String content) {
        Config toml;
        try {
            toml = new TomlParser().parse(content);
        } catch (ParsingException e) {
            throw new RuleFileException(name + ": not valid TOML: " + e.getMessage(), e);
        }
        List<SecretRule> rules = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        for (Config rule : tables(name, toml, "rules", "rule")) {
            SecretRule parsed = rule(name, rule);
            if (!ids.add(parsed.id())) {
                throw new RuleFileException(name + ": rule '" + parsed.id() + "' is defined twice");
            }
            rules.add(parsed);
        }
        List<Allowlist> global = new ArrayList<>();
        String where = name + ": global allowlist";
        Config legacy = table(where, toml, "allowlist");
        if (legacy != null) {
            global.add(allowlist(where, legacy, true));
        }
        for (Config list : tables(name, toml, "allowlists", "global allowlist")) {
            global.add(allowlist(where, list, true));
        }
        Set<String> disabled = new HashSet<>();
        Config extend = table(name + ": [extend]", toml, "extend");
        if (extend != null) {
            disabled.addAll(strings(name + ": [extend]", extend, "disabledRules"));
        }
        return new RuleFile(name, rules, global, disabled);
    }

    private static SecretRule rule(String file, Config rule) {
        Object id = value(rule, "id");
        if (!(id instanceof String text) || text.isBlank()) {
            throw new RuleFileException(file + ": a [[rules]] entry has no id");
        }
        String where = file + ": rule '" + text + "'";
        String source = string(where, rule, "regex");
        Pattern regex = null;
        if (source != null) {
            regex = compile(where, "regex", source);
        } else if (string(where, rule, "path") == null) {
            throw new RuleFileException(where + ": needs a regex (or a path)");
        }
        int secretGroup = (int) number(where, rule, "secretGroup", 0);
        if (secretGroup < 0 || regex != null && secretGroup > regex.groupCount()) {
            throw new RuleFileException(where + ": secretGroup " + secretGroup + " but the regex has "
                    + (regex == null ? 0 : regex.groupCount()) + " groups");
        }
        double entropy = number(where, rule, "entropy", 0);
        List<String> keywords = strings(where, rule, "keywords").stream()
                .map(keyword -> keyword.toLowerCase(Locale.ROOT)).filter(keyword -> !keyword.isEmpty()).toList();
        List<Allowlist> allowlists = new ArrayList<>();
        Config legacy = table(where, rule, "allowlist");
        if (legacy != null) {
            allowlists.add(allowlist(where + " allowlist", legacy, false));
        }
        for (Config list : tables(where, rule, "allowlists", "allowlist")) {
            allowlists.add(allowlist(where + " allowlist", list, false));
        }
        return new SecretRule(text, regex, secretGroup, entropy, keywords, allowlists);
    }

    private static Allowlist allowlist(String where, Config list, boolean global) {
        String condition = string(where, list, "condition");
        boolean all = condition != null && condition.strip().equalsIgnoreCase("AND");
        if (condition != null && !all && !condition.strip().equalsIgnoreCase("OR")) {
            throw new RuleFileException(where + ": condition must be OR or AND, got '" + condition + "'");
        }
        String target = string(where, list, "regexTarget");
        Allowlist.Target regexTarget = switch (target == null ? "secret" : target.strip().toLowerCase(Locale.ROOT)) {
            case "secret" -> Allowlist.Target.SECRET;
            case "match" -> Allowlist.Target.MATCH;
            case "line" -> Allowlist.Target.LINE;
            default -> throw new RuleFileException(where + ": regexTarget must be secret, match or line, got '" + target + "'");
        };
        List<Pattern> regexes = new ArrayList<>();
        for (String regex : strings(where, list, "regexes")) {
            regexes.add(compile(where, "allowlist regex", regex));
        }
        boolean needsPathOrCommit = !strings(where, list, "paths").isEmpty() || !strings(where, list, "commits").isEmpty();
        Set<String> targets = global ? new HashSet<>(strings(where, list, "targetRules")) : Set.of();
        return new Allowlist(all, regexTarget, regexes, strings(where, list, "stopwords"), needsPathOrCommit, targets);
    }

    private static Pattern compile(String where, String what, String regex) {
        try {
            return Pattern.compile(regex);
        } catch (PatternSyntaxException e) {
            throw new RuleFileException(where + ": " + what + " does not compile: " + e.getMessage(), e);
        }
    }

    private static Object value(Config config, String key) {
        return config.valueMap().get(key);
    }

    private static String string(String where, Config config, String key) {
        Object value = value(config, key);
        if (value == null) {
            return null;
        }
        if (value instanceof String text) {
            return text;
        }
        throw new RuleFileException(where + ": " + key + " must be a string");
    }

    private static double number(String where, Config config, String key, double fallback) {
        Object value = value(config, key);
        if (value == null) {
            return fallback;
        }
        if (value instanceof Number number) {
            return number.doubleValue();
        }
        throw new RuleFileException(where + ": " + key + " must be a number");
    }

    private static List<String> strings(String where, Config config, String key) {
        Object value = value(config, key);
        if (value == null) {
            return List.of();
        }
        if (value instanceof List<?> list && list.stream().allMatch(String.class::isInstance)) {
            return list.stream().map(String.class::cast).toList();
        }
        throw new RuleFileException(where + ": " + key + " must be a list of strings");
    }

    private static Config table(String where, Config config, String key) {
        Object value = value(config, key);
        if (value == null) {
            return null;
        }
        if (value instanceof Config table) {
            return table;
        }
        throw new RuleFileException(where + ": " + key + " must be a table");
    }

    private static List<Config> tables(String where, Config config, String key, String what) {
        Object value = value(config, key);
        if (value == null) {
            return List.of();
        }
        if (value instanceof List<?> list && list.stream().allMatch(Config.class::isInstance)) {
            return list.stream().map(Config.class::cast).toList();
        }
        throw new RuleFileException(where + ": " + key + " must be an array of tables ([[" + key + "]]), one per " + what);
    }
}
