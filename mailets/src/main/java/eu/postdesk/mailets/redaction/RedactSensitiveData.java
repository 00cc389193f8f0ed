package eu.postdesk.mailets.redaction;

import eu.postdesk.detect.SensitiveDataScanner;
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
 *     <inspectionTimeout>120</inspectionTimeout>     <!-- seconds per attachment, then quarantined -->
 * </mailet>
 * }</pre>
 */
public class RedactSensitiveData extends GenericMailet {
    private static final Logger LOGGER = LoggerFactory.getLogger(RedactSensitiveData.class);
    private static final Pattern SIZE = Pattern.compile("(\\d+)\\s*(B|KB|K|MB|M|GB|G)?", Pattern.CASE_INSENSITIVE);

    private final SensitiveDataScanner scanner;
    private AttachmentInspector inspector;
    private PartRedaction redaction;

    public RedactSensitiveData() {
        this(SensitiveDataScanner.standard());
    }

    /** With a chosen set of detectors instead of all of them. */
    public RedactSensitiveData(SensitiveDataScanner scanner) {
        this.scanner = scanner;
    }

    @Override
    public void init() throws MessagingException {
        boolean label = booleanParameter("label");
        boolean cardLastFour = booleanParameter("cardLastFour");
        SensitiveDataScanner chosen = companyIdentifiersMasked() ? scanner.maskingCompanyNumbers() : scanner;
        PlaceholderTags tags = placeholderTags();
        InspectionLimits defaults = InspectionLimits.DEFAULTS;
        InspectionLimits limits = new InspectionLimits(
                sizeParameter("maxAttachmentSize", defaults.maxAttachmentBytes()),
                (int) Math.min(Integer.MAX_VALUE - 16, positiveParameter("maxExtractedChars", defaults.maxExtractedChars())),
                (int) Math.min(1000, positiveParameter("maxDepth", defaults.maxDepth())),
                (int) Math.min(1_000_000, positiveParameter("maxExpansionRatio", defaults.maxExpansionRatio())),
                sizeParameter("maxExpandedSize", defaults.maxExpandedBytes()),
                (int) Math.min(86_400, positiveParameter("inspectionTimeout", defaults.timeoutSeconds())));
        inspector = new AttachmentInspector(limits);
        redaction = new PartRedaction(new Masking(chosen, label, cardLastFour, tags), inspector, limits);
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
            redaction.redactMessage(message, PartRedaction.SUBJECT, PartRedaction.BODY, report, 0, 0);
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
