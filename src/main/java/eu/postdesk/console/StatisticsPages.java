package eu.postdesk.console;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

import tools.jackson.databind.json.JsonMapper;

import eu.postdesk.privacy.Statistics;

/**
 * The supervisor's (and the privacy officer's) statistics as charts: the same {@link Statistics}
 * table as {@code GET /api/stats} (small groups stay suppressed), grouped by queue, language,
 * severity, line or week. The figures travel in a {@code data-} attribute, read by the static
 * {@code /js/statistics.js} that draws them with uPlot served from the server itself.
 */
@Controller
class StatisticsPages {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final List<String> BY = List.of("week", "queue", "language", "severity", "line");

    private final Statistics statistics;

    StatisticsPages(Statistics statistics) {
        this.statistics = statistics;
    }

    @GetMapping("/statistics")
    String statistics(@RequestParam(required = false) String by, @RequestParam(required = false) String from,
                      @RequestParam(required = false) String to, @RequestParam(required = false) String queue,
                      @RequestParam(required = false) String language, @RequestParam(required = false) String severity, Model model) {
        String grouping = by != null && BY.contains(by) ? by : "week";
        LocalDate start = date(from);
        LocalDate end = date(to);
        String onlyQueue = queue == null || queue.isBlank() ? null : queue.strip();
        String onlyLanguage = language == null || language.isBlank() ? null : language.strip();
        Integer onlySeverity = severity != null && severity.matches("[1-4]") ? Integer.valueOf(severity) : null;
        List<Statistics.Row> rows = statistics.table(start, end, grouping, new Statistics.Filter(onlyQueue, onlyLanguage, onlySeverity));
        model.addAttribute("queue", onlyQueue == null ? "" : onlyQueue);
        model.addAttribute("language", onlyLanguage == null ? "" : onlyLanguage);
        model.addAttribute("severity", onlySeverity == null ? "" : onlySeverity.toString());
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("by", grouping);
        data.put("rows", rows.stream().map(Statistics.Row::forApi).toList());
        model.addAttribute("by", grouping);
        model.addAttribute("groupings", BY);
        model.addAttribute("from", start == null ? "" : start.toString());
        model.addAttribute("to", end == null ? "" : end.toString());
        model.addAttribute("rows", rows);
        model.addAttribute("minGroup", statistics.minGroup());
        model.addAttribute("data", JSON.writeValueAsString(data));
        return "statistics";
    }

    private static LocalDate date(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return LocalDate.parse(value.strip());
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
