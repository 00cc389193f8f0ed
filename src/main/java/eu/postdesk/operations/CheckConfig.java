package eu.postdesk.operations;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;

import org.springframework.boot.Banner;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import eu.postdesk.Postdesk;
import eu.postdesk.pipeline.ChainFile;
import eu.postdesk.pipeline.JamesMailetChain;
import picocli.CommandLine;

/**
 * {@code bin/postdesk check-config [--chain FILE] [--postdesk.x=y ...]}: builds the server as it
 * would start, with the operator's properties and chain, against a throwaway in-memory database
 * and data folder, on loopback ports chosen by the system, with the pipeline paused: nothing of the
 * real server is touched and nothing is received or sent. Exits 0 with the chain's processors, or
 * 1 with the problem (the file, the line and what is wrong; or the property to fix).
 */
@CommandLine.Command(name = "check-config", mixinStandardHelpOptions = true,
        description = "Validates the mailet chain and the properties; exits non-zero with the file, line and problem.")
public class CheckConfig implements Callable<Integer> {
    /** What the check sets itself: the operator's values of these are replaced, never merged. */
    private static final Set<String> OWN = Set.of("postdesk.data-dir", "spring.datasource.url", "spring.datasource.username",
            "spring.datasource.password", "postdesk.smtp.port", "postdesk.smtp.bind", "server.port", "server.address",
            "postdesk.pipeline.enabled");

    @CommandLine.Option(names = "--chain", paramLabel = "FILE", description = "the chain file to check (default: the one the server runs)")
    Path chain;

    @CommandLine.Option(names = "--verbose", description = "show the server's log while it is built")
    boolean verbose;

    @CommandLine.Unmatched
    List<String> properties = new ArrayList<>();

    @Override
    public Integer call() {
        List<String> args = new ArrayList<>(properties);
        if (chain != null) {
            args.add("--postdesk.pipeline.chain=" + chain.toAbsolutePath());
        }
        if (!verbose) {
            args.add("--logging.level.root=OFF");
        }
        return check(args, System.out, System.err);
    }

    /** Builds the server with these arguments (Spring's {@code --name=value}); prints the verdict; returns the exit code. */
    public static int check(List<String> arguments, PrintStream out, PrintStream err) {
        Path scratch;
        try {
            scratch = Files.createTempDirectory("postdesk-check-");
        } catch (IOException e) {
            err.println("check-config: cannot create a scratch folder: " + e.getMessage());
            return 2;
        }
        List<String> args = new ArrayList<>();
        for (String argument : arguments) {
            String name = argument.startsWith("--") ? argument.substring(2).split("=", 2)[0] : "";
            if (!OWN.contains(name)) {
                args.add(argument);
            }
        }
        args.add("--postdesk.data-dir=" + scratch);
        args.add("--spring.datasource.url=jdbc:h2:mem:check-" + UUID.randomUUID() + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH");
        args.add("--spring.datasource.username=check");
        args.add("--spring.datasource.password=");
        args.add("--postdesk.smtp.bind=127.0.0.1");
        args.add("--postdesk.smtp.port=0");
        args.add("--server.address=127.0.0.1");
        args.add("--server.port=0");
        args.add("--postdesk.pipeline.enabled=false");
        if (arguments.stream().noneMatch(a -> a.startsWith("--postdesk.api.admin-token="))) {
            args.add("--postdesk.api.admin-token=check-" + UUID.randomUUID()); // none is generated and logged for a throwaway database
        }
        try (ConfigurableApplicationContext context = new SpringApplicationBuilder(Postdesk.class)
                .bannerMode(Banner.Mode.OFF).logStartupInfo(false).run(args.toArray(String[]::new))) {
            JamesMailetChain running = context.getBean(JamesMailetChain.class);
            out.println("configuration OK: mailet chain " + running.origin() + " builds and runs");
            return 0;
        } catch (Throwable failure) {
            err.println("check-config: " + problem(failure));
            return 1;
        } finally {
            delete(scratch);
        }
    }

    /** The message that names the problem: the chain's (file, line, problem), a property's, else the deepest one. */
    static String problem(Throwable failure) {
        String deepest = failure.getMessage();
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof ChainFile.InvalidChainException) {
                return t.getMessage();
            }
            if (t.getMessage() != null && t.getMessage().startsWith("postdesk.")) {
                return t.getMessage();
            }
            if (t.getMessage() != null) {
                deepest = t.getMessage();
            }
        }
        return deepest == null ? failure.getClass().getName() : deepest;
    }

    private static void delete(Path folder) {
        try (var files = Files.walk(folder)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException ignored) {
            // a scratch folder in the system's temporary folder
        }
    }
}
