package eu.postdesk.detect.rules;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The secret rules in force: Postdesk's own set ({@code conf/redaction/postdesk-secrets.toml}, which
 * the jar carries as its default) and whatever gitleaks-format files an operator adds. Files are read
 * in order, a rule with the id of an earlier one replaces it (so an operator can tune one of ours),
 * global allowlists add up, and {@code [extend] disabledRules} switches rules off. Immutable.
 */
public final class SecretRules {
    /** Classpath folder of the defaults packaged from {@code conf/redaction/}. */
    public static final String DEFAULT_FOLDER = "/postdesk-conf/redaction/";
    /** The default rule files, by name; an operator's file of the same name replaces the jar's copy. */
    public static final List<String> DEFAULT_FILES = List.of("postdesk-secrets.toml");

    private final List<SecretRule> rules;
    private final List<Allowlist> globalAllowlists;

    private SecretRules(List<SecretRule> rules, List<Allowlist> globalAllowlists) {
        this.rules = List.copyOf(rules);
        this.globalAllowlists = List.copyOf(globalAllowlists);
    }

    /** The rule files in this order, merged. */
    public static SecretRules of(List<RuleFile> files) {
        Map<String, SecretRule> byId = new LinkedHashMap<>();
        List<Allowlist> global = new ArrayList<>();
        Set<String> disabled = new HashSet<>();
        for (RuleFile file : files) {
            for (SecretRule rule : file.rules()) {
                byId.remove(rule.id());
                byId.put(rule.id(), rule);
            }
            global.addAll(file.globalAllowlists());
            disabled.addAll(file.disabledRules());
        }
        byId.keySet().removeAll(disabled);
        return new SecretRules(new ArrayList<>(byId.values()), global);
    }

    /** No rules at all. */
    public static SecretRules none() {
        return new SecretRules(List.of(), List.of());
    }

    /** The defaults from the jar, parsed once per class loader. */
    public static SecretRules defaults() {
        return Defaults.RULES;
    }

    private static final class Defaults {
        static final SecretRules RULES = of(DEFAULT_FILES.stream().map(SecretRules::classpathFile).toList());
    }

    /**
     * The defaults plus an operator's rules: {@code location} is one {@code .toml} file (added after
     * the defaults) or a folder whose {@code *.toml} files are read by name, a file named like a
     * default replacing the jar's copy (so {@code conf/redaction/} works as it stands).
     */
    public static SecretRules load(Path location) {
        List<RuleFile> files = new ArrayList<>();
        if (Files.isDirectory(location)) {
            List<Path> own;
            try (Stream<Path> listing = Files.list(location)) {
                own = listing.filter(p -> p.getFileName().toString().endsWith(".toml") && Files.isRegularFile(p)).sorted().toList();
            } catch (IOException e) {
                throw new RuleFileException("cannot list the secret rules folder " + location + ": " + e.getMessage(), e);
            }
            for (String name : DEFAULT_FILES) {
                Path replacement = location.resolve(name);
                files.add(own.contains(replacement) ? file(replacement) : classpathFile(name));
            }
            for (Path path : own) {
                if (!DEFAULT_FILES.contains(path.getFileName().toString())) {
                    files.add(file(path));
                }
            }
        } else if (Files.isRegularFile(location)) {
            DEFAULT_FILES.forEach(name -> files.add(classpathFile(name)));
            files.add(file(location));
        } else {
            throw new RuleFileException("the secret rules file or folder " + location + " does not exist");
        }
        return of(files);
    }

    private static RuleFile file(Path path) {
        try {
            return RuleFile.parse(path.toString(), Files.readString(path, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new RuleFileException("cannot read " + path + ": " + e.getMessage(), e);
        }
    }

    private static RuleFile classpathFile(String name) {
        String resource = DEFAULT_FOLDER + name;
        try (InputStream in = SecretRules.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new RuleFileException("the default secret rules " + resource + " are missing from the classpath");
            }
            return RuleFile.parse("classpath:" + resource, new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new RuleFileException("cannot read " + resource + ": " + e.getMessage(), e);
        }
    }

    public List<SecretRule> rules() {
        return rules;
    }

    public List<Allowlist> globalAllowlists() {
        return globalAllowlists;
    }

    /** The rule with this id, or {@code null}. */
    public SecretRule rule(String id) {
        for (SecretRule rule : rules) {
            if (rule.id().equals(id)) {
                return rule;
            }
        }
        return null;
    }
}
