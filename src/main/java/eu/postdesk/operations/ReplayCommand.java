package eu.postdesk.operations;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import picocli.CommandLine;
import tools.jackson.databind.JsonNode;

/**
 * {@code bin/postdesk replay --chain FILE (MESSAGE.eml | MBOX | --stored FROM..TO) [--json]}: asks
 * the running server to try a chain on messages without side effects ({@code POST /api/pipeline/replay})
 * and prints per message and per mailet what happened, the outcome, and how it differs from the
 * running chain's.
 */
@CommandLine.Command(name = "replay", mixinStandardHelpOptions = true,
        description = "Runs a chain on messages without side effects and shows what each mailet did.")
public class ReplayCommand implements Callable<Integer> {
    @CommandLine.Mixin
    ServerApi server = new ServerApi();

    @CommandLine.Option(names = "--chain", paramLabel = "FILE", description = "the chain to try (default: the one the server runs)")
    Path chain;

    @CommandLine.Option(names = "--stored", paramLabel = "FROM..TO", description = "stored inbound messages: days (2026-11-01..2026-11-30), instants, or message ids (12..40)")
    String stored;

    @CommandLine.Option(names = "--json", description = "the report as JSON, for machines")
    boolean json;

    @CommandLine.Parameters(arity = "0..1", paramLabel = "MESSAGE.eml|MBOX", description = "a message, or an mbox of messages")
    Path messages;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if ((messages == null) == (stored == null)) {
            err.println("replay: give a MESSAGE.eml or MBOX, or --stored FROM..TO");
            return 2;
        }
        Map<String, Object> body = new LinkedHashMap<>();
        if (chain != null) {
            body.put("chain", Files.readString(chain));
        }
        if (stored != null) {
            body.put("stored", stored);
        } else {
            List<Map<String, String>> list = new ArrayList<>();
            if (MailSources.isMbox(messages)) {
                for (MailSources.Message message : MailSources.all(MailSources.mbox(messages))) {
                    list.add(Map.of("name", messages.getFileName() + " #" + message.key().split(":")[0],
                            "raw", Base64.getEncoder().encodeToString(MailImport.crlf(message.raw()))));
                }
            } else {
                list.add(Map.of("name", messages.getFileName().toString(), "raw", Base64.getEncoder().encodeToString(MailImport.crlf(Files.readAllBytes(messages)))));
            }
            body.put("messages", list);
        }
        JsonNode report;
        try {
            report = server.post("/api/pipeline/replay", body);
        } catch (ServerApi.Refused refusal) {
            err.println("replay: " + refusal.getMessage());
            return 1;
        }
        if (json) {
            out.println(ServerApi.JSON.writerWithDefaultPrettyPrinter().writeValueAsString(report));
        } else {
            print(report, out);
        }
        out.flush();
        return 0;
    }

    static void print(JsonNode report, PrintWriter out) {
        out.println("chain " + report.get("chain").asString() + " (running: " + report.get("currentChain").asString() + ")");
        for (JsonNode message : report.get("messages")) {
            out.println();
            out.println("== " + message.get("name").asString());
            for (JsonNode step : message.get("steps")) {
                String mailet = step.path("mailet").isNull() ? "?" : step.path("mailet").asString("?");
                out.println("  [" + step.get("processor").asString() + "] " + step.get("matcher").asString() + " -> "
                        + (step.get("matched").asBoolean() ? "matched" : "no match") + (step.get("matched").asBoolean() ? ": " + mailet : "")
                        + (step.path("error").isNull() || step.path("error").isMissingNode() ? "" : "  ERROR " + step.get("error").asString()));
                list(out, "attribute", step.get("attributesSet"));
                list(out, "+header", step.get("headersAdded"));
                list(out, "-header", step.get("headersRemoved"));
                list(out, "body", step.get("bodyDiff"));
                list(out, "would send to", step.get("wouldSend"));
            }
            out.println("  outcome: " + describe(message.get("outcome")) + (message.get("differs").asBoolean()
                    ? "   (running chain: " + describe(message.get("currentOutcome")) + ")" : "   (same as the running chain)"));
        }
        JsonNode summary = report.get("summary");
        out.println();
        out.println(summary.get("messages").asInt() + " messages, " + summary.get("different").asInt() + " with another outcome than the running chain's; outcomes "
                + summary.get("outcomes") + ", running chain " + summary.get("currentOutcomes"));
        summary.get("differences").valueStream().forEach(d -> out.println("  " + d.asString()));
    }

    private static void list(PrintWriter out, String label, JsonNode values) {
        if (values != null) {
            values.valueStream().forEach(v -> out.println("      " + label + " " + v.asString()));
        }
    }

    private static String describe(JsonNode outcome) {
        String reason = outcome.path("reason").asString("");
        return outcome.get("kind").asString() + (reason.isEmpty() ? "" : " (" + reason + ")");
    }
}
