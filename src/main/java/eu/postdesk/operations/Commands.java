package eu.postdesk.operations;

import picocli.CommandLine;

/**
 * The operators' command line ({@code bin/postdesk check-config | replay | import}); see
 * docs/operators.md. {@code check-config} works without a server; {@code replay} and {@code import}
 * ask the running server through its API (an admin token), so that the command, the API and the
 * server apply one rule in one place.
 */
@CommandLine.Command(name = "postdesk", mixinStandardHelpOptions = true,
        subcommands = {CheckConfig.class, ReplayCommand.class, ImportCommand.class},
        description = "Postdesk's tools for operators.")
public class Commands {
    public static void main(String[] args) {
        if (System.getProperty("jakarta.mail.util.StreamProvider") == null) {
            System.setProperty("jakarta.mail.util.StreamProvider", "org.eclipse.angus.mail.util.MailStreamProvider");
        }
        System.exit(new CommandLine(new Commands()).execute(args));
    }
}
