package eu.postdesk.agents;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import eu.postdesk.tickets.TicketWork;

class CommandLinesTest {
    private static final String ME = "agent1@corp.test";

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "#status open|open", "#status pending|pending", "#status solved|solved", "#status closed|closed",
            "#status: solved|solved", "#STATUS:SOLVED|solved", "#Status :  Pending|pending", "#status\tclosed|closed",
            "#pending|pending", "#PENDING|pending", "#solved|solved", "#Solved:|solved"})
    void everyFormOfAStatusCommandSetsTheStatus(String line, String status) {
        CommandLines commands = CommandLines.of(line + "\nThanks for waiting.");
        assertThat(commands.valid()).as(line).isTrue();
        assertThat(commands.change(ME).status()).isEqualTo(status);
        assertThat(commands.text()).isEqualTo("Thanks for waiting.");
    }

    @Test
    void assignTakesMeAnAgentOrNobody() {
        assertThat(CommandLines.of("#assign me").change(ME).assignee()).contains(ME);
        assertThat(CommandLines.of("#Assign: Agent2@Corp.test").change(ME).assignee()).contains("agent2@corp.test");
        assertThat(CommandLines.of("#ASSIGN nobody").change(ME).assignee()).isEqualTo(Optional.empty());
        assertThat(CommandLines.of("#severity 2").change(ME).assignee()).isNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"1", "2", "3", "4"})
    void severityTakesOneToFour(String severity) {
        assertThat(CommandLines.of("#severity " + severity).change(ME).severity()).isEqualTo(Integer.valueOf(severity));
        assertThat(CommandLines.of("#Severity:" + severity).change(ME).severity()).isEqualTo(Integer.valueOf(severity));
    }

    @ParameterizedTest
    @ValueSource(strings = {"1", "2", "3", "management", "Management"})
    void lineTakesTheFourLines(String line) {
        assertThat(CommandLines.of("#line " + line).change(ME).line()).isEqualTo(line.toLowerCase());
    }

    @Test
    void noteMakesTheTextAnInternalNote() {
        CommandLines commands = CommandLines.of("#note\nPremium customer, see contract 7.");
        assertThat(commands.note()).isTrue();
        assertThat(commands.text()).isEqualTo("Premium customer, see contract 7.");
        assertThat(commands.change(ME).isEmpty()).isTrue();
    }

    @Test
    void severalCommandsAndBlankLinesBetweenThemComeBeforeTheText() {
        CommandLines commands = CommandLines.of("\n#severity 2\n\n#line: 2\n#assign me\n\nHello,\nwe are on it.\n");
        assertThat(commands.valid()).isTrue();
        TicketWork.Change change = commands.change(ME);
        assertThat(change.severity()).isEqualTo(2);
        assertThat(change.line()).isEqualTo("2");
        assertThat(change.assignee()).contains(ME);
        assertThat(commands.text()).isEqualTo("Hello,\nwe are on it.");
    }

    @Test
    void aHashAfterTheFirstTextLineIsText() {
        CommandLines commands = CommandLines.of("Hello,\n#status solved\n#1 priority for us.");
        assertThat(commands.valid()).isTrue();
        assertThat(commands.any()).isFalse();
        assertThat(commands.text()).isEqualTo("Hello,\n#status solved\n#1 priority for us.");
    }

    @Test
    void onlyCommandsLeaveNoText() {
        CommandLines commands = CommandLines.of("#solved\r\n#assign nobody\r\n");
        assertThat(commands.valid()).isTrue();
        assertThat(commands.text()).isEmpty();
    }

    @Test
    void aMailWithoutCommandsIsAllText() {
        CommandLines commands = CommandLines.of("We fixed it.");
        assertThat(commands.any()).isFalse();
        assertThat(commands.change(ME).isEmpty()).isTrue();
        assertThat(commands.text()).isEqualTo("We fixed it.");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "#frobnicate now|unknown command #frobnicate",
            "#status maybe|#status takes one of",
            "#status new|#status takes one of",
            "#status|#status takes one of",
            "#pending later|#pending takes no value",
            "#solved yes|#solved takes no value",
            "#assign|#assign takes me, nobody or an agent's address",
            "#assign somebody|#assign takes me, nobody or an agent's address",
            "#severity 5|#severity takes 1, 2, 3 or 4",
            "#severity 0|#severity takes 1, 2, 3 or 4",
            "#severity high|#severity takes 1, 2, 3 or 4",
            "#line 4|#line takes one of",
            "#note this one|#note stands alone",
            "#severity2|not a command",
            "# heading|not a command",
            "#|not a command"})
    void aBadCommandLineIsNamedWithItsReason(String line, String reason) {
        CommandLines commands = CommandLines.of("#assign me\n" + line + "\nThe text.");
        assertThat(commands.valid()).as(line).isFalse();
        assertThat(commands.bad().lineNumber()).isEqualTo(2);
        assertThat(commands.bad().line()).isEqualTo(line.strip());
        assertThat(commands.bad().reason()).contains(reason);
    }

    @Test
    void aSecondCommandForTheSameFieldIsBad() {
        CommandLines commands = CommandLines.of("#status open\n#solved\nText");
        assertThat(commands.valid()).isFalse();
        assertThat(commands.bad().lineNumber()).isEqualTo(2);
        assertThat(commands.bad().reason()).contains("a second command for status");
    }

    @Test
    void theLineOfAFieldIsKnownForARefusal() {
        CommandLines commands = CommandLines.of("#severity 1\n#assign someone@elsewhere.example\nText");
        assertThat(commands.lineOf("assignee").orElseThrow().lineNumber()).isEqualTo(2);
        assertThat(commands.lineOf("assignee").orElseThrow().line()).isEqualTo("#assign someone@elsewhere.example");
    }

    @Test
    void spamInAnyLetterCaseMarksTheTicketAsSpamWithTheOtherFieldsButNoStatus() {
        CommandLines commands = CommandLines.of("#SPAM\n#severity 4\n");
        assertThat(commands.valid()).isTrue();
        assertThat(commands.spam()).isTrue();
        assertThat(commands.change(ME).status()).isNull();
        assertThat(commands.change(ME).severity()).isEqualTo(4);
        assertThat(CommandLines.of("#assign me\nThe text.").spam()).isFalse();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "#spam now|#spam stands alone",
            "#spam\\n#solved|#spam closes the ticket and relays nothing",
            "#status open\\n#spam|#spam closes the ticket and relays nothing",
            "#spam\\n#note|#spam closes the ticket and relays nothing"})
    void spamWithAValueAStatusOrANoteIsBad(String lines, String reason) {
        CommandLines commands = CommandLines.of(lines.replace("\\n", "\n") + "\nThe text.");
        assertThat(commands.valid()).as(lines).isFalse();
        assertThat(commands.bad().reason()).contains(reason);
    }
}
