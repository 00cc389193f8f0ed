package eu.postdesk.operations;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;

import picocli.CommandLine;
import tools.jackson.databind.JsonNode;

/**
 * {@code bin/postdesk import (mbox FILE | maildir DIR | eml DIR)}: files old mail through the
 * running server's chain ({@code POST /api/import}), without acknowledgements or notifications,
 * in the source's order so that replies thread. What the server imported before from the same
 * source is skipped, so the command can simply be run again after an interruption.
 */
@CommandLine.Command(name = "import", mixinStandardHelpOptions = true,
        description = "Files old mail (mbox FILE, maildir DIR, eml DIR) through the running server; idempotent, resumable.")
public class ImportCommand implements Callable<Integer> {
    @CommandLine.Mixin
    ServerApi server = new ServerApi();

    @CommandLine.Parameters(index = "0", paramLabel = "KIND", description = "mbox, maildir or eml")
    String kind;

    @CommandLine.Parameters(index = "1", paramLabel = "PATH", description = "the mbox file, the maildir, or the folder of .eml files")
    Path path;

    @CommandLine.Option(names = "--batch", defaultValue = "20", description = "messages per request (default 20)")
    int batch;

    @CommandLine.Option(names = "--max", defaultValue = "-1", description = "import at most this many new messages now; run again for the rest")
    int max;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        var out = spec.commandLine().getOut();
        var err = spec.commandLine().getErr();
        MailSources.Source source;
        try {
            source = MailSources.of(kind, path);
        } catch (IllegalArgumentException | java.io.IOException e) {
            err.println("import: " + e.getMessage());
            return 2;
        }
        try {
            Set<String> done = new HashSet<>();
            server.get("/api/import/done?source=" + java.net.URLEncoder.encode(source.name(), java.nio.charset.StandardCharsets.UTF_8))
                    .valueStream().forEach(key -> done.add(key.asString()));
            int remaining = Math.max(0, source.count() - done.size());
            int todo = max >= 0 ? Math.min(max, remaining) : remaining;
            if (!done.isEmpty()) {
                out.println("resuming: " + done.size() + " of " + source.count() + " messages were imported before");
            }
            java.io.PrintWriter print = out;
            Progress progress = new Progress(print, onTerminal(), todo);
            int imported = 0;
            int already = 0;
            List<String> refused = new ArrayList<>();
            List<Map<String, String>> items = new ArrayList<>();
            int sent = 0;
            while (source.messages().hasNext() && sent < todo) {
                MailSources.Message message = source.messages().next();
                if (done.contains(message.key())) {
                    continue;
                }
                items.add(Map.of("key", message.key(), "raw", Base64.getEncoder().encodeToString(message.raw())));
                sent++;
                if (items.size() >= batch || sent >= todo) {
                    JsonNode result = send(source.name(), items);
                    imported += result.get("imported").asInt();
                    already += result.get("already").asInt();
                    result.get("refused").valueStream().forEach(r -> refused.add(r.asString()));
                    progress.advance(items.size(), imported + " imported, " + already + " already there, " + refused.size() + " refused");
                    items.clear();
                }
            }
            progress.finish("import of " + source.name() + ": " + imported + " imported, " + (already + done.size()) + " imported before, "
                    + refused.size() + " refused" + (sent < remaining ? "; " + (remaining - sent) + " left for the next run" : ""));
            refused.forEach(r -> print.println("refused " + r));
            return refused.isEmpty() ? 0 : 1;
        } catch (ServerApi.Refused refusal) {
            err.println("import: " + refusal.getMessage());
            return 1;
        }
    }

    /** Whether the output is a terminal (Console.isTerminal from Java 22; before it, a console is one). */
    private static boolean onTerminal() {
        java.io.Console console = System.console();
        if (console == null) {
            return false;
        }
        try {
            return (Boolean) java.io.Console.class.getMethod("isTerminal").invoke(console);
        } catch (ReflectiveOperationException olderJava) {
            return true;
        }
    }

    private JsonNode send(String source, List<Map<String, String>> items) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("source", source);
        body.put("items", items);
        return server.post("/api/import", body);
    }
}
