package eu.postdesk;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

import org.springframework.stereotype.Component;

/**
 * The operator's files under {@code postdesk.conf-dir}; where the operator has none, the copy of
 * the repository's {@code conf/} that the server jar carries. One source for each file.
 */
@Component
public class ConfFiles {
    private final Path confDir;

    public ConfFiles(PostdeskProperties properties) {
        this.confDir = properties.getConfDir();
    }

    /** The text of {@code conf/<name>}, or empty when neither the operator nor the jar has it. */
    public Optional<String> text(String name) {
        Path file = confDir.resolve(name);
        try {
            if (Files.isRegularFile(file)) {
                return Optional.of(Files.readString(file, StandardCharsets.UTF_8));
            }
            try (InputStream in = ConfFiles.class.getResourceAsStream("/conf/" + name)) {
                return in == null ? Optional.empty() : Optional.of(new String(in.readAllBytes(), StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    /** Where {@code conf/<name>} comes from, for messages. */
    public String origin(String name) {
        Path file = confDir.resolve(name);
        return Files.isRegularFile(file) ? file.toString() : "classpath:conf/" + name;
    }
}
