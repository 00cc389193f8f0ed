package eu.postdesk.operations;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;

import org.springframework.boot.Banner;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

import eu.postdesk.Postdesk;
import eu.postdesk.pipeline.ChainFile;
import eu.postdesk.pipeline.JamesMailetChain;
import picocli.CommandLine;

/**
 * {@code bin/postdesk check-config [--chain FILE] [--postdesk.x=y ...]}: builds the server as it
 * would start, with the operator's properties and chain, against a throwaway in-memory database
 * and data folder, on loopback ports chosen by the system, with the pipeline paused: nothing of the
 * real server is touched and nothing is received or sent. The operator's ports are checked for
 * their range only (a running server holds them), the data folder not at all. Exits 0 with the chain's processors, or
 * 1 with the problem (the file, the line and what is wrong; or the property to fix).
 */
@CommandLine.Command(name = "check-config", mixinStandardHelpOptions = true,
        description = "Validates the mailet chain and the properties; exits non-zero with the file, line and problem.")
public class CheckConfig implements Callable<Integer> {
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
        Map<String, Object> own = new LinkedHashMap<>();
        own.put("postdesk.data-dir", scratch.toString());
        own.put("spring.datasource.url", "jdbc:h2:mem:check-" + UUID.randomUUID() + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH");
        own.put("spring.datasource.username", "check");
        own.put("spring.datasource.password", "");
        own.put("postdesk.smtp.bind", "127.0.0.1");
        own.put("postdesk.smtp.port", "0");
        own.put("server.address", "127.0.0.1");
        own.put("server.port", "0");
        own.put("postdesk.pipeline.enabled", "false");
        // the operator's own values of what the check replaces are checked first, from wherever they come
        ApplicationListener<ApplicationEnvironmentPreparedEvent> replace = event -> {
            ConfigurableEnvironment environment = event.getEnvironment();
            for (String port : List.of("postdesk.smtp.port", "server.port")) {
                String value = environment.getProperty(port);
                if (value != null && !(value.strip().matches("\\d{1,5}") && Integer.parseInt(value.strip()) <= 65535)) {
                    throw new IllegalStateException(port + " must be between 0 and 65535, got '" + value + "'");
                }
            }
            if (environment.getProperty("postdesk.api.admin-token") == null) {
                own.put("postdesk.api.admin-token", "check-" + UUID.randomUUID()); // none is generated and logged for a throwaway database
            }
            environment.getPropertySources().addFirst(new MapPropertySource("check-config", own));
        };
        String[] args = arguments.toArray(String[]::new);
        try (ConfigurableApplicationContext context = new SpringApplicationBuilder(Postdesk.class)
                .bannerMode(Banner.Mode.OFF).logStartupInfo(false).listeners(replace).run(args)) {
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
