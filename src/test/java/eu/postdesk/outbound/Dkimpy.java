package eu.postdesk.outbound;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * An independent DKIM verifier: dkimpy (Debian package {@code python3-dkim}) checks a message
 * against a public key record given to it in place of DNS. Tests that need it are skipped when it is missing.
 */
public final class Dkimpy {
    private static final String SCRIPT = """
            import sys, dkim
            record = open(sys.argv[1], 'rb').read()
            message = sys.stdin.buffer.read()
            ok = dkim.verify(message, dnsfunc=lambda name, timeout=5: record)
            print('pass' if ok else 'fail')
            """;

    private Dkimpy() {
    }

    private static String python() {
        for (String candidate : List.of("/usr/bin/python3", "python3")) {
            try {
                Process probe = new ProcessBuilder(candidate, "-c", "import dkim").redirectErrorStream(true).start();
                if (probe.waitFor(20, TimeUnit.SECONDS) && probe.exitValue() == 0) {
                    return candidate;
                }
            } catch (IOException | InterruptedException e) {
                // try the next one
            }
        }
        return null;
    }

    private static final String PYTHON = python();

    /** Skips the calling test when dkimpy is not installed. */
    public static void assumeInstalled() {
        assumeTrue(PYTHON != null, "DKIM verification needs the Debian package python3-dkim (dkimpy)");
    }

    /** True when dkimpy finds a valid signature on {@code raw} under the TXT record {@code record}. */
    public static boolean verifies(byte[] raw, String record) throws IOException, InterruptedException {
        assumeInstalled();
        Path recordFile = Files.createTempFile("dkim-record-", ".txt");
        try {
            Files.writeString(recordFile, record, StandardCharsets.US_ASCII);
            Process process = new ProcessBuilder(PYTHON, "-c", SCRIPT, recordFile.toString()).redirectErrorStream(true).start();
            process.getOutputStream().write(raw);
            process.getOutputStream().close();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            process.waitFor(60, TimeUnit.SECONDS);
            if (!output.strip().endsWith("pass") && !output.strip().endsWith("fail")) {
                throw new AssertionError("dkimpy did not answer: " + output);
            }
            return output.strip().endsWith("pass");
        } finally {
            Files.deleteIfExists(recordFile);
        }
    }
}
