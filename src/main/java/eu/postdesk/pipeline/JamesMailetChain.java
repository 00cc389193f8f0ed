package eu.postdesk.pipeline;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.ReentrantReadWriteLock;

import org.apache.james.mailetcontainer.impl.CompositeProcessorImpl;
import org.apache.james.mailetcontainer.lib.AbstractStateMailetProcessor;
import org.apache.mailet.Mail;
import org.apache.mailet.MailetContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.AutowireCapableBeanFactory;
import org.springframework.stereotype.Component;

import eu.postdesk.ConfFiles;
import eu.postdesk.privacy.MasterKey;
import eu.postdesk.PostdeskProperties;
import eu.postdesk.mailets.authentication.TrustHeaders;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

/**
 * The operator's chain run by Apache James's own mailet container
 * ({@code CompositeProcessorImpl}), embedded without Guice. Built at start; a chain that cannot
 * run stops start-up with the file, line and problem. {@link #reload()} builds the chain file
 * anew and swaps it in between messages (a message is never split between two chains); a file
 * that cannot run is refused with its line and problem and the running chain stays. Before any
 * chain runs, what a sender could forge to gain our trust is removed ({@link TrustHeaders}):
 * whatever chain the operator writes, no mailet or filing step reads a customer's {@code X-Postdesk-Fate}.
 * Then, when {@code postdesk.authentication} is on, Postdesk's own {@code Authentication-Results} is added.
 */
@Component
public class JamesMailetChain implements MailetChain, DisposableBean {
    private static final Logger log = LoggerFactory.getLogger(JamesMailetChain.class);
    private static final String FILE = "mailetcontainer.xml";

    private final PostdeskProperties properties;
    private final ConfFiles conf;
    private final MasterKey masterKey;
    private final AutowireCapableBeanFactory beans;
    private final PostdeskMailetContext context;
    private final MeterRegistry registry;
    private final TrustHeaders forgeable = new TrustHeaders(java.util.Set.of(TrustHeaders.OWN_AUTHSERV_ID));
    /** Messages hold the read lock while they run; a reload takes the write lock only to swap. */
    private final ReentrantReadWriteLock swap = new ReentrantReadWriteLock();
    private CompositeProcessorImpl container;
    private String origin;

    private final eu.postdesk.authentication.InboundAuthentication authentication;

    JamesMailetChain(PostdeskProperties properties, ConfFiles conf, MasterKey masterKey, AutowireCapableBeanFactory beans,
                     PostdeskMailetContext context, ObjectProvider<MeterRegistry> registry,
                     eu.postdesk.authentication.InboundAuthentication authentication) {
        this.authentication = authentication;
        this.properties = properties;
        this.conf = conf;
        this.masterKey = masterKey;
        this.beans = beans;
        this.context = context;
        this.registry = registry.getIfAvailable(SimpleMeterRegistry::new);
        ChainFile chain = currentFile();
        container = build(chain, context, this.registry, true);
        origin = chain.origin();
        log.info("mailet chain loaded from {} with processors {}", chain.origin(), String.join(", ", container.getProcessorStates()));
    }

    /**
     * Builds the chain file anew and swaps it in once the messages now running are through; returns
     * the file and its processors. Throws {@link ChainFile.InvalidChainException} naming the line
     * and the problem when the file cannot run: then the running chain stays.
     */
    public Loaded reload() {
        ChainFile chain = currentFile();
        CompositeProcessorImpl fresh = build(chain, context, registry, true);
        CompositeProcessorImpl old;
        swap.writeLock().lock();
        try {
            old = container;
            container = fresh;
            origin = chain.origin();
        } finally {
            swap.writeLock().unlock();
        }
        old.dispose();
        log.info("mailet chain reloaded from {} with processors {}", chain.origin(), String.join(", ", fresh.getProcessorStates()));
        return new Loaded(chain.origin(), List.of(fresh.getProcessorStates()));
    }

    /** A chain that was built: where from, and its processors. */
    public record Loaded(String origin, List<String> processors) {
    }

    /** The file the running chain came from. */
    public String origin() {
        return origin;
    }

    /** The chain file the server runs: {@code postdesk.pipeline.chain}, else conf-dir's, else the jar's. */
    ChainFile currentFile() {
        Map<String, String> values = values();
        if (properties.getPipeline().getChain() != null) {
            Path file = Path.of(properties.getPipeline().getChain());
            if (!Files.isRegularFile(file)) {
                throw new ChainFile.InvalidChainException("postdesk.pipeline.chain names " + file + ", which is not a readable file");
            }
            return ChainFile.read(file, values);
        }
        String text = conf.text(FILE).orElseThrow(() -> new ChainFile.InvalidChainException(
                "no mailet chain: put mailetcontainer.xml into postdesk.conf-dir or set postdesk.pipeline.chain"));
        return ChainFile.read(conf.origin(FILE), text, values);
    }

    /** The same placeholders as the running chain's, for a chain file given by an operator (replay, check). */
    public ChainFile read(String origin, String text) {
        return ChainFile.read(origin, text, values());
    }

    private Map<String, String> values() {
        return Map.of(
                "support-addresses", String.join(",", properties.getSupportAddresses()),
                "trusted-authserv-ids", String.join(",", properties.getTrustedAuthservIds()),
                "temporary-directory", eu.postdesk.LeftoverFiles.temporaryFolder(properties).toString(),
                "secret-rules", secretRules(properties),
                // masked values get the same tag in every message of a ticket, and nobody without the key can look a tag up
                "placeholder-key", masterKey.derivedSecret("postdesk placeholder tags"));
    }

    /** A container running {@code chain} with {@code context}; with {@code measured}, its mailets' timings go to the registry. */
    CompositeProcessorImpl build(ChainFile chain, MailetContext context, MeterRegistry metrics, boolean measured) {
        return build(chain, context, metrics, measured ? state -> new ChainMetrics(metrics, state) : null);
    }

    /** A container running {@code chain} with {@code context}, each processor heard by {@code listener} (none when null). */
    CompositeProcessorImpl build(ChainFile chain, MailetContext context, MeterRegistry metrics,
                                 java.util.function.Function<String, AbstractStateMailetProcessor.MailetProcessorListener> listener) {
        MailetClasses classes = new MailetClasses(beans, chain);
        CompositeProcessorImpl built = new ListenedContainer(new MicrometerMetricFactory(metrics), context, classes, classes, listener);
        try {
            built.configure(chain.processors());
            built.init();
        } catch (Exception e) {
            built.dispose();
            throw new ChainFile.InvalidChainException("the mailet chain cannot run: " + innermost(e), e);
        }
        return built;
    }

    /** The operator's folder of gitleaks-format rule files ({@code conf-dir/redaction}), or none: the jar's rules alone. */
    private static String secretRules(PostdeskProperties properties) {
        Path folder = properties.getConfDir().resolve("redaction");
        return Files.isDirectory(folder) ? folder.toAbsolutePath().toString() : "";
    }

    /** The deepest message that names our chain file, else the deepest message at all. */
    private static String innermost(Throwable e) {
        String best = e.getMessage();
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t.getMessage() != null && (t.getMessage().contains(" line ") || best == null)) {
                best = t.getMessage();
            }
            if (t instanceof jakarta.mail.MessagingException me && me.getNextException() != null && me.getNextException() != t.getCause()) {
                t = me.getNextException();
            }
        }
        return best;
    }

    /** Removes what a sender could forge to gain our trust; every chain, the replayed ones too, starts from there. */
    void removeForgeable(Mail mail) throws jakarta.mail.MessagingException {
        forgeable.removeFrom(mail.getMessage());
    }

    @Override
    public void service(Mail mail) throws Exception {
        removeForgeable(mail);
        // our own SPF/DKIM/DMARC verdict, after forged copies of our authserv-id are gone and before any mailet
        authentication.record(mail);
        swap.readLock().lock();
        try {
            container.service(mail);
        } finally {
            swap.readLock().unlock();
        }
    }

    @Override
    public void destroy() {
        swap.writeLock().lock();
        try {
            container.dispose();
        } finally {
            swap.writeLock().unlock();
        }
    }
}
