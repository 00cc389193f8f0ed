package eu.postdesk.pipeline;

import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import javax.xml.parsers.SAXParserFactory;

import org.apache.commons.configuration2.HierarchicalConfiguration;
import org.apache.commons.configuration2.XMLConfiguration;
import org.apache.commons.configuration2.io.FileHandler;
import org.apache.commons.configuration2.tree.ImmutableNode;
import org.xml.sax.Attributes;
import org.xml.sax.InputSource;
import org.xml.sax.Locator;
import org.xml.sax.SAXParseException;
import org.xml.sax.helpers.DefaultHandler;

/**
 * The operator's {@code mailetcontainer.xml} in Apache James's format, read once at start. Knows
 * the line of every {@code <mailet>} so that a bad chain stops start-up with a message naming the
 * line and the problem.
 */
public final class ChainFile {
    private final String origin;
    private final XMLConfiguration xml;
    private final List<MailetLine> mailets;

    /** Where a {@code <mailet>} element stands in the file. */
    public record MailetLine(int line, String processor, String className, String match) {
    }

    private ChainFile(String origin, XMLConfiguration xml, List<MailetLine> mailets) {
        this.origin = origin;
        this.xml = xml;
        this.mailets = mailets;
    }

    /** Reads the chain, replacing {@code ${name}} markers with the given values (e.g. support addresses). */
    public static ChainFile read(String origin, String text, Map<String, String> values) {
        for (var value : values.entrySet()) {
            text = text.replace("${" + value.getKey() + "}", value.getValue());
        }
        List<MailetLine> mailets = locateMailets(origin, text);
        try {
            XMLConfiguration xml = new XMLConfiguration();
            new FileHandler(xml).load(new StringReader(text));
            ChainFile chain = new ChainFile(origin, xml, mailets);
            chain.checkProcessors();
            return chain;
        } catch (org.apache.commons.configuration2.ex.ConfigurationException e) {
            throw new InvalidChainException(origin + ": " + e.getMessage(), e);
        }
    }

    public static ChainFile read(Path file, Map<String, String> values) {
        try {
            return read(file.toString(), Files.readString(file, StandardCharsets.UTF_8), values);
        } catch (IOException e) {
            throw new InvalidChainException("cannot read the mailet chain " + file + ": " + e.getMessage(), e);
        }
    }

    public static ChainFile read(String origin, InputStream in, Map<String, String> values) throws IOException {
        return read(origin, new String(in.readAllBytes(), StandardCharsets.UTF_8), values);
    }

    public HierarchicalConfiguration<ImmutableNode> processors() {
        HierarchicalConfiguration<ImmutableNode> processors = xml.configurationAt("processors", true);
        if (!processors.containsKey("[@enableJmx]")) {
            // several containers may live in one JVM (tests, restarts); JMX names would clash
            processors.addProperty("[@enableJmx]", false);
        }
        return processors;
    }

    public String origin() {
        return origin;
    }

    /** The n-th mailet of the file, in document order (the order the container loads them). */
    public MailetLine mailet(int index) {
        return index < mailets.size() ? mailets.get(index) : null;
    }

    private void checkProcessors() {
        List<String> states = xml.getList(String.class, "processors.processor[@state]", List.of());
        if (states.isEmpty()) {
            throw new InvalidChainException(origin + ": no <processors><processor state=\"...\"> found; the chain needs at least the 'root' and 'error' processors");
        }
        for (String required : List.of("root", "error")) {
            if (!states.contains(required)) {
                throw new InvalidChainException(origin + ": the processor '" + required + "' is missing; Apache James needs 'root' and 'error'");
            }
        }
        for (MailetLine mailet : mailets) {
            if (mailet.className() == null || mailet.className().isBlank()) {
                throw new InvalidChainException(origin + " line " + mailet.line() + ": <mailet> without a class attribute in processor '" + mailet.processor() + "'");
            }
        }
    }

    private static List<MailetLine> locateMailets(String origin, String text) {
        List<MailetLine> found = new ArrayList<>();
        try {
            SAXParserFactory factory = SAXParserFactory.newInstance();
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            factory.newSAXParser().parse(new InputSource(new StringReader(text)), new DefaultHandler() {
                private Locator locator;
                private String processor;

                @Override
                public void setDocumentLocator(Locator locator) {
                    this.locator = locator;
                }

                @Override
                public void startElement(String uri, String localName, String qName, Attributes attributes) {
                    if (qName.equals("processor")) {
                        processor = attributes.getValue("state");
                    } else if (qName.equals("mailet")) {
                        found.add(new MailetLine(locator.getLineNumber(), processor, attributes.getValue("class"),
                                attributes.getValue("match") != null ? attributes.getValue("match") : attributes.getValue("notmatch")));
                    }
                }
            });
        } catch (SAXParseException e) {
            throw new InvalidChainException(origin + " line " + e.getLineNumber() + ": " + e.getMessage(), e);
        } catch (Exception e) {
            throw new InvalidChainException(origin + ": not readable as XML: " + e.getMessage(), e);
        }
        return found;
    }

    /** A chain file that cannot run; the message names the file, the line and the problem. */
    public static final class InvalidChainException extends RuntimeException {
        public InvalidChainException(String message, Throwable cause) {
            super(message, cause);
        }

        public InvalidChainException(String message) {
            super(message);
        }
    }
}
