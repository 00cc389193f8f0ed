package eu.postdesk.pipeline;

import java.util.List;

import jakarta.mail.MessagingException;

import org.apache.james.mailetcontainer.api.MailetLoader;
import org.apache.james.mailetcontainer.api.MatcherLoader;
import org.apache.mailet.Mailet;
import org.apache.mailet.MailetConfig;
import org.apache.mailet.Matcher;
import org.apache.mailet.MatcherConfig;
import org.springframework.beans.factory.config.AutowireCapableBeanFactory;

/**
 * Finds the mailets and matchers a chain names, as Apache James does: a short name is looked up
 * in the known packages (ours, then James's standard ones), anything with a dot is a class name.
 * Instances are made by Spring, so that the server's own mailets get what they need injected.
 * A failure names the line of the chain file.
 */
final class MailetClasses implements MailetLoader, MatcherLoader {
    private static final List<String> MAILET_PACKAGES = List.of(
            "eu.postdesk.tickets", "eu.postdesk.agents", "eu.postdesk.satisfaction", "eu.postdesk.pipeline", "eu.postdesk.privacy",
            "eu.postdesk.mailets.noise", "eu.postdesk.mailets.tracking", "eu.postdesk.mailets.html",
            "eu.postdesk.mailets.redaction", "eu.postdesk.mailets.quoting", "eu.postdesk.mailets.authentication",
            "org.apache.james.transport.mailets");
    private static final List<String> MATCHER_PACKAGES = List.of(
            "eu.postdesk.mailets.noise", "eu.postdesk.tickets", "eu.postdesk.agents", "eu.postdesk.satisfaction", "eu.postdesk.pipeline",
            "eu.postdesk.mailets.tracking", "eu.postdesk.mailets.redaction", "eu.postdesk.privacy",
            "org.apache.james.transport.matchers", "org.apache.james.mailetcontainer.impl.matchers");

    /** James's standard mailets that neither write, log nor send: the only ones a replay of stored mail may name by short name. */
    private static final java.util.Set<String> INERT_JAMES_MAILETS = java.util.Set.of(
            "ToProcessor", "SetMimeHeader", "RemoveMimeHeader", "SetMailAttribute", "RemoveMailAttribute", "Null");

    /**
     * Whether a chain may see stored customers' originals: it names only Postdesk's own mailets,
     * the inert standard ones, and matchers (which only read). A chain that could log or forward a
     * message (James's {@code LogMessage}, {@code Forward}, a class of its own) may not, or a
     * replay would show an admin what only a privacy officer may reveal.
     */
    static java.util.Optional<String> notForStoredMail(ChainFile chain) {
        for (int i = 0; chain.mailet(i) != null; i++) {
            ChainFile.MailetLine line = chain.mailet(i);
            String name = line.className() == null ? "" : line.className().strip();
            boolean own = name.contains(".") ? name.startsWith("eu.postdesk.")
                    : INERT_JAMES_MAILETS.contains(name) || MAILET_PACKAGES.stream().filter(p -> p.startsWith("eu.postdesk."))
                            .anyMatch(p -> exists(p + "." + name));
            if (!own) {
                return java.util.Optional.of(chain.origin() + " line " + line.line() + ": mailet '" + name
                        + "' is not one of Postdesk's or an inert standard one, so it may not replay stored mail");
            }
        }
        return java.util.Optional.empty();
    }

    private static boolean exists(String className) {
        try {
            Class.forName(className, false, MailetClasses.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError none) {
            return false;
        }
    }

    private final AutowireCapableBeanFactory beans;
    private final ChainFile chain;
    private int mailetsLoaded;

    MailetClasses(AutowireCapableBeanFactory beans, ChainFile chain) {
        this.beans = beans;
        this.chain = chain;
    }

    @Override
    public Mailet getMailet(MailetConfig config) throws MessagingException {
        ChainFile.MailetLine where = chain.mailet(mailetsLoaded++);
        Mailet mailet = instantiate(config.getMailetName(), MAILET_PACKAGES, Mailet.class, where, "mailet");
        try {
            mailet.init(config);
        } catch (MessagingException | RuntimeException e) {
            throw new MessagingException(at(where) + "mailet " + config.getMailetName() + " refused its configuration: " + e.getMessage(), e);
        }
        return mailet;
    }

    @Override
    public Matcher getMatcher(MatcherConfig config) throws MessagingException {
        ChainFile.MailetLine where = chain.mailet(mailetsLoaded);
        Matcher matcher = instantiate(config.getMatcherName(), MATCHER_PACKAGES, Matcher.class, where, "matcher");
        try {
            matcher.init(config);
        } catch (MessagingException | RuntimeException e) {
            throw new MessagingException(at(where) + "matcher " + config.getMatcherName() + " refused its condition: " + e.getMessage(), e);
        }
        return matcher;
    }

    private <T> T instantiate(String name, List<String> packages, Class<T> kind, ChainFile.MailetLine where, String what) throws MessagingException {
        if (name == null || name.isBlank()) {
            throw new MessagingException(at(where) + what + " without a name");
        }
        for (String candidate : name.contains(".") ? List.of(name) : packages.stream().map(p -> p + "." + name).toList()) {
            Class<?> type;
            try {
                type = Class.forName(candidate, false, getClass().getClassLoader()); // not initialised unless it is a mailet or matcher
            } catch (ClassNotFoundException | LinkageError notHere) {
                continue;
            }
            if (!kind.isAssignableFrom(type)) {
                throw new MessagingException(at(where) + candidate + " is not a " + what);
            }
            return kind.cast(beans.createBean(type));
        }
        throw new MessagingException(at(where) + "unknown " + what + " '" + name + "' (looked in " + (name.contains(".") ? "the class path" : String.join(", ", packages)) + ")");
    }

    private String at(ChainFile.MailetLine where) {
        return chain.origin() + (where == null ? "" : " line " + where.line() + " (processor '" + where.processor() + "')") + ": ";
    }
}
