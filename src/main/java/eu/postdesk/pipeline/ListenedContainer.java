package eu.postdesk.pipeline;

import java.util.function.Function;

import org.apache.commons.configuration2.HierarchicalConfiguration;
import org.apache.commons.configuration2.tree.ImmutableNode;
import org.apache.james.mailetcontainer.api.MailProcessor;
import org.apache.james.mailetcontainer.api.MailetLoader;
import org.apache.james.mailetcontainer.api.MatcherLoader;
import org.apache.james.mailetcontainer.impl.CompositeProcessorImpl;
import org.apache.james.mailetcontainer.impl.MailetProcessorImpl;
import org.apache.james.mailetcontainer.lib.AbstractStateMailetProcessor;
import org.apache.james.metrics.api.MetricFactory;
import org.apache.mailet.MailetContext;

/**
 * James's container with a listener on every processor from the start: James hands each mailet
 * a copy of its processor's listeners when the processor is initialised, so a listener added
 * afterwards would see the matchers but never the mailets. Builds each processor as
 * {@code CompositeProcessorImpl} does, adding the listener before {@code init()}.
 */
final class ListenedContainer extends CompositeProcessorImpl {
    private final MetricFactory metrics;
    private final MailetContext context;
    private final MatcherLoader matchers;
    private final MailetLoader mailets;
    private final Function<String, AbstractStateMailetProcessor.MailetProcessorListener> listener;

    ListenedContainer(MetricFactory metrics, MailetContext context, MatcherLoader matchers, MailetLoader mailets,
                      Function<String, AbstractStateMailetProcessor.MailetProcessorListener> listener) {
        super(metrics, context, matchers, mailets);
        this.metrics = metrics;
        this.context = context;
        this.matchers = matchers;
        this.mailets = mailets;
        this.listener = listener;
    }

    @Override
    protected MailProcessor createMailProcessor(String state, HierarchicalConfiguration<ImmutableNode> config) throws Exception {
        MailetProcessorImpl processor = new MailetProcessorImpl(state, metrics);
        try {
            processor.setMailetContext(context);
            processor.setMailetLoader(mailets);
            processor.setMatcherLoader(matchers);
            processor.configure(config);
            processor.setRootMailProcessor(this);
            if (listener != null) {
                processor.addListener(listener.apply(state));
            }
            processor.init();
            return processor;
        } catch (Exception e) {
            processor.destroy();
            throw e;
        }
    }
}
