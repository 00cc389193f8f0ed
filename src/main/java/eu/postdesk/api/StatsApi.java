package eu.postdesk.api;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import eu.postdesk.privacy.Statistics;

/**
 * Anonymous statistics for supervisors and the privacy officer: {@code GET /api/stats?from=&to=&by=}
 * ({@code by} one of queue, language, severity, line, week; dates inclusive, of filing), as JSON or,
 * with {@code format=csv}, as CSV for the system owners.
 */
@RestController
@RequestMapping("/api")
class StatsApi {
    private final Statistics statistics;

    StatsApi(Statistics statistics) {
        this.statistics = statistics;
    }

    @GetMapping("/stats")
    @Allowed(value = {ApiTokens.SUPERVISOR, ApiTokens.PRIVACY_OFFICER}, to = "read statistics")
    ResponseEntity<?> stats(@RequestParam(required = false) String from, @RequestParam(required = false) String to,
                            @RequestParam(required = false) String by, @RequestParam(required = false) String format,
                            @RequestParam(required = false) String queue, @RequestParam(required = false) String language,
                            @RequestParam(required = false) Integer severity, HttpServletRequest request) {
        if (severity != null && (severity < 1 || severity > 4)) {
            throw new ApiError(HttpStatus.BAD_REQUEST, "severity must be 1, 2, 3 or 4");
        }
        LocalDate start = date("from", from);
        LocalDate end = date("to", to);
        if (by != null && !Statistics.GROUPINGS.contains(by)) {
            throw new ApiError(HttpStatus.BAD_REQUEST, "by must be one of queue, language, severity, line, week");
        }
        if (format != null && !format.equals("csv") && !format.equals("json")) {
            throw new ApiError(HttpStatus.BAD_REQUEST, "format must be json or csv");
        }
        List<Statistics.Row> rows = statistics.table(start, end, by, new Statistics.Filter(blankless(queue), blankless(language), severity));
        if ("csv".equals(format)) {
            return ResponseEntity.ok().contentType(MediaType.parseMediaType("text/csv; charset=UTF-8"))
                    .header("Content-Disposition", "attachment; filename=\"postdesk-statistics.csv\"").body(Statistics.csv(rows));
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("from", start == null ? null : start.toString());
        out.put("to", end == null ? null : end.toString());
        out.put("by", by);
        out.put("minGroup", statistics.minGroup());
        out.put("rows", rows.stream().map(Statistics.Row::forApi).toList());
        return ResponseEntity.ok(out);
    }

    private static LocalDate date(String name, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return LocalDate.parse(value.strip());
        } catch (DateTimeParseException e) {
            throw new ApiError(HttpStatus.BAD_REQUEST, name + " must be a date such as 2026-01-31");
        }
    }

    private static String blankless(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
