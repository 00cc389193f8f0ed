package eu.postdesk.agents;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import eu.postdesk.tickets.TicketWork;

/**
 * The command lines an agent's answer may begin with, one per line before the answer text:
 * {@code #status open|pending|solved|closed}, {@code #pending}, {@code #solved},
 * {@code #assign me|<agent address>|nobody}, {@code #severity 1-4}, {@code #line 1|2|3|management},
 * {@code #note}, {@code #spam} (marks the customer's messages as spam and closes the ticket, relaying
 * nothing: not with {@code #status} or {@code #note}). Any letter case, the value after {@code :} or a space; blank lines may stand
 * between commands; the first other line starts the text, and a {@code #} from there on is text.
 * A line that starts with {@code #} but is no valid command makes the whole mail {@link #bad()}.
 */
public record CommandLines(List<Command> commands, String text, Bad bad) {
    private static final Pattern COMMAND = Pattern.compile("#([A-Za-z]+)(?:(?:\\s*:\\s*|\\s+)(.*))?");
    private static final Pattern ADDRESS = Pattern.compile("[^@\\s]+@[^@\\s]+");
    private static final String KNOWN = "#status, #pending, #solved, #assign, #severity, #line, #note, #spam";

    /** One command: the field it sets ({@code status}, {@code assignee}, {@code severity}, {@code line}, {@code note}) and to what. */
    public record Command(int lineNumber, String line, String field, String value) {
    }

    /** The first line that is not a valid command (numbered from 1), and why. */
    public record Bad(int lineNumber, String line, String reason) {
    }

    public static CommandLines of(String answer) {
        String[] lines = (answer == null ? "" : answer).split("\\r?\\n", -1);
        List<Command> commands = new ArrayList<>();
        int i = 0;
        for (; i < lines.length; i++) {
            String line = lines[i].strip();
            if (line.isEmpty()) {
                continue;
            }
            if (!line.startsWith("#")) {
                break;
            }
            Matcher matcher = COMMAND.matcher(line);
            String problem;
            if (!matcher.matches()) {
                problem = "not a command: a command is # and its name, then its value after a space or ':' (" + KNOWN + ")";
            } else {
                String name = matcher.group(1).toLowerCase(Locale.ROOT);
                String value = matcher.group(2) == null ? "" : matcher.group(2).strip();
                Object parsed = parse(name, value);
                if (parsed instanceof Command command) {
                    Command numbered = new Command(i + 1, line, command.field(), command.value());
                    problem = commands.stream().anyMatch(c -> c.field().equals(numbered.field()))
                            ? "a second command for " + numbered.field() + ": give each at most once" : conflict(commands, numbered);
                    if (problem == null) {
                        commands.add(numbered);
                        continue;
                    }
                } else {
                    problem = (String) parsed;
                }
            }
            return new CommandLines(List.copyOf(commands), answer, new Bad(i + 1, line, problem));
        }
        StringBuilder text = new StringBuilder();
        for (int j = i; j < lines.length; j++) {
            text.append(lines[j]).append(j < lines.length - 1 ? "\n" : "");
        }
        return new CommandLines(List.copyOf(commands), text.toString().strip(), null);
    }

    /** A command, or the reason it is not one. */
    private static Object parse(String name, String value) {
        String v = value.toLowerCase(Locale.ROOT);
        return switch (name) {
            case "status" -> TicketWork.SETTABLE.contains(v) ? command("status", v) : "#status takes one of " + String.join(", ", TicketWork.SETTABLE);
            case "pending", "solved" -> v.isEmpty() ? command("status", name) : "#" + name + " takes no value";
            case "assign" -> v.equals("me") || v.equals("nobody") || ADDRESS.matcher(v).matches() ? command("assignee", v)
                    : "#assign takes me, nobody or an agent's address";
            case "severity" -> v.matches("[1-4]") ? command("severity", v) : "#severity takes 1, 2, 3 or 4";
            case "line" -> TicketWork.LINES.contains(v) ? command("line", v) : "#line takes one of " + String.join(", ", TicketWork.LINES);
            case "note" -> v.isEmpty() ? command("note", "") : "#note stands alone on its line; the note is the text below it";
            case "spam" -> v.isEmpty() ? command("spam", "") : "#spam stands alone on its line";
            default -> "unknown command #" + name + " (the commands are " + KNOWN + ")";
        };
    }

    /** Why {@code added} cannot stand with the commands before it, or null: #spam closes the ticket and relays nothing. */
    private static String conflict(List<Command> before, Command added) {
        boolean spam = added.field().equals("spam") || before.stream().anyMatch(c -> c.field().equals("spam"));
        boolean clashes = before.stream().map(Command::field).anyMatch(f -> f.equals("status") || f.equals("note"))
                || added.field().equals("status") || added.field().equals("note");
        return spam && clashes ? "#spam closes the ticket and relays nothing: give it without #status, #pending, #solved or #note" : null;
    }

    private static Command command(String field, String value) {
        return new Command(0, null, field, value);
    }

    public boolean valid() {
        return bad == null;
    }

    /** Whether the mail is an internal note ({@code #note}). */
    public boolean note() {
        return commands.stream().anyMatch(c -> c.field().equals("note"));
    }

    /** Whether the agent says the ticket is spam ({@code #spam}). */
    public boolean spam() {
        return commands.stream().anyMatch(c -> c.field().equals("spam"));
    }

    /** Whether there is any command besides the text. */
    public boolean any() {
        return !commands.isEmpty();
    }

    /** The line that set {@code field}, for a refusal that names it. */
    public Optional<Command> lineOf(String field) {
        return commands.stream().filter(c -> c.field().equals(field)).findFirst();
    }

    /** What the commands change; {@code agent} is who "me" is. */
    public TicketWork.Change change(String agent) {
        String status = value("status");
        String assign = value("assignee");
        Optional<String> assignee = assign == null ? null : assign.equals("nobody") ? Optional.empty()
                : Optional.of(assign.equals("me") ? agent : assign);
        String severity = value("severity");
        return new TicketWork.Change(status, assignee, severity == null ? null : Integer.valueOf(severity), value("line"));
    }

    private String value(String field) {
        return lineOf(field).map(Command::value).orElse(null);
    }
}
