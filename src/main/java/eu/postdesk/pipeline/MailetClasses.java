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
                type = Class.forName(candidate, true, getClass().getClassLoader());
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
