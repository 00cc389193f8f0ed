package eu.postdesk.pipeline;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.apache.james.mailetcontainer.impl.CompositeProcessorImpl;
import org.apache.mailet.Mail;
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
 * ({@code CompositeProcessorImpl}), embedded without Guice. Built once at start; a chain that
 * cannot run stops start-up with the file, line and problem. Before any chain runs, what a sender
 * could forge to gain our trust is removed ({@link TrustHeaders}): whatever chain the operator
 * writes, no mailet or filing step reads a customer's {@code X-Postdesk-Fate}. Then, when
 * {@code postdesk.authentication} is on, Postdesk's own {@code Authentication-Results} is added.
 */
@Component
class JamesMailetChain implements MailetChain, DisposableBean {
    private static final Logger log = LoggerFactory.getLogger(JamesMailetChain.class);
    private static final String FILE = "mailetcontainer.xml";

    private final CompositeProcessorImpl container;
    private final TrustHeaders forgeable = new TrustHeaders(java.util.Set.of(TrustHeaders.OWN_AUTHSERV_ID));

    private final eu.postdesk.authentication.InboundAuthentication authentication;

    JamesMailetChain(PostdeskProperties properties, ConfFiles conf, MasterKey masterKey, AutowireCapableBeanFactory beans,
                     PostdeskMailetContext context, ObjectProvider<MeterRegistry> registry,
                     eu.postdesk.authentication.InboundAuthentication authentication) {
        this.authentication = authentication;
        ChainFile chain = read(properties, conf, masterKey);
        MailetClasses classes = new MailetClasses(beans, chain);
        container = new CompositeProcessorImpl(new MicrometerMetricFactory(registry.getIfAvailable(SimpleMeterRegistry::new)),
                context, classes, classes);
        try {
            container.configure(chain.processors());
            container.init();
        } catch (Exception e) {
            throw new ChainFile.InvalidChainException("the mailet chain cannot run: " + innermost(e), e);
        }
        log.info("mailet chain loaded from {} with processors {}", chain.origin(), String.join(", ", container.getProcessorStates()));
    }

    private static ChainFile read(PostdeskProperties properties, ConfFiles conf, MasterKey masterKey) {
        Map<String, String> values = Map.of(
                "support-addresses", String.join(",", properties.getSupportAddresses()),
                "trusted-authserv-ids", String.join(",", properties.getTrustedAuthservIds()),
                "temporary-directory", eu.postdesk.LeftoverFiles.temporaryFolder(properties).toString(),
                "secret-rules", secretRules(properties),
                // masked values get the same tag in every message of a ticket, and nobody without the key can look a tag up
                "placeholder-key", masterKey.derivedSecret("postdesk placeholder tags"));
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

    @Override
    public void service(Mail mail) throws Exception {
        forgeable.removeFrom(mail.getMessage());
        // our own SPF/DKIM/DMARC verdict, after forged copies of our authserv-id are gone and before any mailet
        authentication.record(mail);
        container.service(mail);
    }

    @Override
    public void destroy() {
        container.dispose();
    }
}
