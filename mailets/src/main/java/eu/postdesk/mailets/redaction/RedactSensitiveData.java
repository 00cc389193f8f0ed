package eu.postdesk.mailets.redaction;

import eu.postdesk.detect.SensitiveDataScanner;
import eu.postdesk.detect.rules.RuleFileException;
import eu.postdesk.detect.rules.SecretRules;
import eu.postdesk.mailets.PostdeskAttributes;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import org.apache.mailet.Attribute;
import org.apache.mailet.AttributeValue;
import org.apache.mailet.Mail;
import org.apache.mailet.MailetException;
import org.apache.mailet.base.GenericMailet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Hides secrets and identifiers (passwords, API keys, card numbers, national IDs, ...) from agents:
 * each finding in the subject, the text and HTML parts and in attachments is replaced by a
 * placeholder of fixed width, {@code [#1 ********]}, that does not tell the value's length; the same
 * value gets the same tag, so agents can tell "the same number again" from "another number".
 * Company numbers (NIP, REGON, CVR, organisationsnummer, Y-tunnus, ...) are not personal data and
 * stay unless {@code companyIdentifiers} is {@code mask}. Attachments are inspected by their real
 * type: one with findings becomes a masked text rendition under its own name ({@code redacted});
 * executables, files with macros, encrypted archives and documents, and whatever cannot be
 * inspected within the limits are replaced by a notice ({@code quarantined}); photos lose their
 * EXIF/XMP metadata and, like harmless files, stay ({@code kept}). Each attachment carries its fate
 * in the {@code X-Postdesk-Fate} part header; the kinds and counts found (never the values) go into
 * the {@code postdesk.redaction.byKind} and {@code postdesk.redaction.byLocation} attributes.
 *
 * <pre>{@code
 * <mailet match="All" class="eu.postdesk.mailets.redaction.RedactSensitiveData">
 *     <label>false</label>                    <!-- true: [PESEL#1 ********] instead of [#1 ********] -->
 *     <cardLastFour>false</cardLastFour>      <!-- true: card numbers keep their last four digits, [#2 ****4529] -->
 *     <companyIdentifiers>keep</companyIdentifiers> <!-- mask: company numbers too (sole traders) -->
 *     <placeholderKey></placeholderKey>       <!-- 16+ characters: tags stable across messages (HMAC); empty: #1, #2 per message -->
 *     <maxAttachmentSize>100MB</maxAttachmentSize>   <!-- larger attachments are quarantined -->
 *     <maxExtractedChars>10000000</maxExtractedChars> <!-- more text than this: quarantined -->
 *     <maxDepth>5</maxDepth>                  <!-- archives and attached mails inside each other -->
 *     <maxExpansionRatio>100</maxExpansionRatio>     <!-- unpacked bytes per archive byte -->
 *     <maxExpandedSize>200MB</maxExpandedSize>       <!-- unpacked bytes per archive -->
 *     <inspectionTimeout>120s</inspectionTimeout>    <!-- per attachment (s, ms or m; a bare number is seconds), then quarantined -->
 *     <messageInspectionBudget>180s</messageInspectionBudget> <!-- all attachments of one message together; the rest are
 *                                             quarantined unread: "inspection budget exhausted" -->
 *     <inspectionThreads>2</inspectionThreads> <!-- attachments parsed at once, over all messages (default: the cores, at least 2) -->
 *     <temporaryDirectory>/var/lib/mail/tmp</temporaryDirectory> <!-- temporary copies of attachments; default java.io.tmpdir -->
 *     <secretRules>/etc/postdesk/redaction</secretRules> <!-- optional: gitleaks-format *.toml file or folder -->
 * </mailet>
 * }</pre>
 */
public class RedactSensitiveData extends GenericMailet {
    private static final Logger LOGGER = LoggerFactory.getLogger(RedactSensitiveData.class);
    private static final Pattern SIZE = Pattern.compile("(\\d+)\\s*(B|KB|K|MB|M|GB|G)?", Pattern.CASE_INSENSITIVE);
    private static final Pattern DURATION = Pattern.compile("(\\d+)\\s*(ms|s|m)?", Pattern.CASE_INSENSITIVE);
    private static final Duration LONGEST = Duration.ofDays(1);

    // null: every detector, with the secret rules that init() reads.
    private final SensitiveDataScanner chosen;
    private SensitiveDataScanner scanner;
    private InspectionLimits limits;
    private AttachmentInspector inspector;
    private PartRedaction redaction;

    public RedactSensitiveData() {
        this.chosen = null;
    }

    /** With a chosen set of detectors instead of all of them. */
    public RedactSensitiveData(SensitiveDataScanner scanner) {
        this.chosen = scanner;
    }

    @Override
    public void init() throws MessagingException {
        scanner = chosen != null ? chosen : SensitiveDataScanner.standard(secretRules(getInitParameter("secretRules")));
        boolean label = booleanParameter("label");
        boolean cardLastFour = booleanParameter("cardLastFour");
        if (companyIdentifiersMasked()) {
            scanner = scanner.maskingCompanyNumbers();
        }
        PlaceholderTags tags = placeholderTags();
        InspectionLimits defaults = InspectionLimits.DEFAULTS;
        InspectionLimits limits = new InspectionLimits(
                sizeParameter("maxAttachmentSize", defaults.maxAttachmentBytes()),
                (int) Math.min(Integer.MAX_VALUE - 16, positiveParameter("maxExtractedChars", defaults.maxExtractedChars())),
                (int) Math.min(1000, positiveParameter("maxDepth", defaults.maxDepth())),
                (int) Math.min(1_000_000, positiveParameter("maxExpansionRatio", defaults.maxExpansionRatio())),
                sizeParameter("maxExpandedSize", defaults.maxExpandedBytes()),
                durationParameter("inspectionTimeout", defaults.attachmentTimeout()),
                durationParameter("messageInspectionBudget", defaults.messageBudget()),
                (int) Math.min(256, positiveParameter("inspectionThreads", defaults.threads())));
        this.limits = limits;
        inspector = new AttachmentInspector(limits, temporaryFiles());
        redaction = new PartRedaction(new Masking(scanner, label, cardLastFour, tags), inspector, limits);
    }

    @Override
    public void destroy() {
        if (inspector != null) {
            inspector.close();
        }
    }

    @Override
    public void service(Mail mail) {
        RedactionReport report = new RedactionReport();
        try {
            MimeMessage message = mail.getMessage();
            redaction.redactMessage(message, PartRedaction.SUBJECT, PartRedaction.BODY, report, InspectionBudget.of(limits.messageBudget()), 0, 0);
            if (report.isTouched()) {
                eu.postdesk.mailets.mime.MessageChanges.save(message);
            }
        } catch (MessagingException | RuntimeException | StackOverflowError e) {
            // Only the exception's type: its message may quote the content.
            LOGGER.warn("Could not finish redacting mail {}: {}", mail.getName(), e.getClass().getName());
            mail.setAttribute(new Attribute(PostdeskAttributes.REDACTION_FAILED, AttributeValue.of(true)));
        }
        mail.setAttribute(new Attribute(PostdeskAttributes.REDACTIONS_BY_KIND, AttributeValue.of(report.countsByKind())));
        mail.setAttribute(new Attribute(PostdeskAttributes.REDACTIONS_BY_LOCATION, AttributeValue.of(report.countsByLocation())));
    }

    @Override
    public String getMailetInfo() {
        return "RedactSensitiveData";
    }

    /** The default secret rules, plus an operator's gitleaks-format file or folder; a bad rule stops start-up. */
    private static SecretRules secretRules(String location) throws MailetException {
        try {
            return location == null || location.isBlank() ? SecretRules.defaults() : SecretRules.load(Path.of(location.strip()));
        } catch (RuleFileException e) {
            throw new MailetException("Invalid config: secretRules: " + e.getMessage());
        }
    }

    /** The {@code temporaryDirectory} parameter: an existing folder for temporary copies of attachments, else the JVM's. */
    private TemporaryFiles temporaryFiles() throws MailetException {
        String value = getInitParameter("temporaryDirectory");
        if (value == null || value.isBlank()) {
            return TemporaryFiles.ofJvm();
        }
        java.nio.file.Path folder = java.nio.file.Path.of(value.strip());
        if (!java.nio.file.Files.isDirectory(folder) || !java.nio.file.Files.isWritable(folder)) {
            throw new MailetException("Invalid config: temporaryDirectory '" + value.strip() + "' is not a writable folder");
        }
        return new TemporaryFiles(folder);
    }

    private boolean booleanParameter(String name) throws MailetException {
        String value = getInitParameter(name);
        if (value == null || value.isBlank()) {
            return false;
        }
        return switch (value.strip().toLowerCase(Locale.ROOT)) {
            case "true", "yes" -> true;
            case "false", "no" -> false;
            default -> throw new MailetException("Invalid config: " + name + " must be true or false, got '" + value + "'");
        };
    }

    private boolean companyIdentifiersMasked() throws MailetException {
        String value = getInitParameter("companyIdentifiers");
        if (value == null || value.isBlank()) {
            return false;
        }
        return switch (value.strip().toLowerCase(Locale.ROOT)) {
            case "mask" -> true;
            case "keep" -> false;
            default -> throw new MailetException("Invalid config: companyIdentifiers must be keep or mask, got '" + value + "'");
        };
    }

    private PlaceholderTags placeholderTags() throws MailetException {
        String key = getInitParameter("placeholderKey");
        if (key == null || key.isBlank()) {
            return PlaceholderTags.perMessage();
        }
        // The key itself never goes into the message: it is a secret like the values it protects.
        if (key.strip().length() < 16) {
            throw new MailetException("Invalid config: placeholderKey must have at least 16 characters");
        }
        return PlaceholderTags.keyed(key.strip().getBytes(StandardCharsets.UTF_8));
    }

    private long positiveParameter(String name, long fallback) throws MailetException {
        String value = getInitParameter(name);
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            long number = Long.parseLong(value.strip());
            if (number > 0) {
                return number;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new MailetException("Invalid config: " + name + " must be a positive whole number, got '" + value + "'");
    }

    private Duration durationParameter(String name, Duration fallback) throws MailetException {
        String value = getInitParameter(name);
        if (value == null || value.isBlank()) {
            return fallback;
        }
        Matcher duration = DURATION.matcher(value.strip());
        if (duration.matches() && duration.group(1).length() < 10) {
            long number = Long.parseLong(duration.group(1));
            String unit = duration.group(2) == null ? "s" : duration.group(2).toLowerCase(Locale.ROOT);
            Duration parsed = switch (unit) {
                case "ms" -> Duration.ofMillis(number);
                case "m" -> Duration.ofMinutes(number);
                default -> Duration.ofSeconds(number);
            };
            if (!parsed.isZero() && parsed.compareTo(LONGEST) <= 0) {
                return parsed;
            }
        }
        throw new MailetException("Invalid config: " + name + " must be a time between 1ms and 1 day such as 120s, 500ms or 3m, got '"
                + value + "'");
    }

    private long sizeParameter(String name, long fallback) throws MailetException {
        String value = getInitParameter(name);
        if (value == null || value.isBlank()) {
            return fallback;
        }
        Matcher size = SIZE.matcher(value.strip());
        if (!size.matches()) {
            throw new MailetException("Invalid config: " + name + " must be a size such as 100MB, 512KB or 1048576, got '" + value + "'");
        }
        long number = Long.parseLong(size.group(1));
        String unit = size.group(2) == null ? "B" : size.group(2).toUpperCase(Locale.ROOT);
        int shift = switch (unit) {
            case "K", "KB" -> 10;
            case "M", "MB" -> 20;
            case "G", "GB" -> 30;
            default -> 0;
        };
        if (number <= 0 || number > (Long.MAX_VALUE >> shift)) {
            throw new MailetException("Invalid config: " + name + " must be a positive size, got '" + value + "'");
        }
        return number << shift;
    }
}
