package eu.postdesk.mailets;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The lines of an operator-tunable rule file under {@code conf/}: the jar's defaults from the
 * classpath folder {@code /postdesk-conf/}, optionally followed by an operator's own file. Blank
 * lines and lines starting with {@code #} are skipped; every line remembers where it came from so
 * that a rule that does not parse can be reported by file and line.
 */
public final class RuleLines {

    /** One rule line and where it was read. */
    public record Line(String source, int number, String text) {
        /** Says where this line is, for error messages: {@code file:line}. */
        public String where() {
            return source + ":" + number;
        }
    }

    private RuleLines() {
    }

    /**
     * Reads {@code /postdesk-conf/<resource>} from the classpath.
     *
     * @throws IOException when the resource is missing or unreadable
     */
    public static List<Line> fromClasspath(String resource) throws IOException {
        String name = "/postdesk-conf/" + resource;
        try (InputStream in = RuleLines.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IOException("Default rule file " + name + " is missing from the classpath");
            }
            return read(name, in);
        }
    }

    /** Reads an operator's rule file. */
    public static List<Line> fromFile(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return read(file.toString(), in);
        }
    }

    /** The defaults followed by the operator's file, when one is named (null or blank = none). */
    public static List<Line> defaultsAnd(String resource, String extraFile) throws IOException {
        List<Line> lines = new ArrayList<>(fromClasspath(resource));
        if (extraFile != null && !extraFile.isBlank()) {
            lines.addAll(fromFile(Path.of(extraFile.trim())));
        }
        return List.copyOf(lines);
    }

    /** Reads rule lines from a stream: blank lines and {@code #} comments are skipped, the rest stripped. */
    public static List<Line> read(String source, InputStream in) throws IOException {
        List<Line> lines = new ArrayList<>();
        BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        String text;
        int number = 0;
        while ((text = reader.readLine()) != null) {
            number++;
            String trimmed = text.strip();
            if (trimmed.isEmpty() || trimmed.startsWith("#")) {
                continue;
            }
            lines.add(new Line(source, number, trimmed));
        }
        return lines;
    }
}
