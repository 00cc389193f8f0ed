package eu.postdesk.privacy;

import java.sql.Date;
import java.time.LocalDate;
import java.time.temporal.IsoFields;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import eu.postdesk.PostdeskProperties;

/**
 * Anonymous statistics over the {@link TicketFacts}: per group (queue, language, severity, line or
 * filing week) the number of tickets, first-response and resolution time (median and p90, in
 * seconds), breaches, satisfaction, redactions and trackers removed by kind. A cell built from
 * fewer than {@code postdesk.stats.min-group} tickets is suppressed, and so is every figure built
 * from fewer values than that (a satisfaction average of two answers); the total is shown only
 * when it does not give away a suppressed cell (none suppressed, or at least two that together
 * reach the minimum).
 */
@Component
public class Statistics {
    public static final Set<String> GROUPINGS = Set.of("queue", "language", "severity", "line", "week");

    private final JdbcTemplate jdbc;
    private final int minGroup;

    public Statistics(JdbcTemplate jdbc, PostdeskProperties properties) {
        this.jdbc = jdbc;
        this.minGroup = properties.getStats().getMinGroup();
    }

    public int minGroup() {
        return minGroup;
    }

    private record Fact(String id, LocalDate filedOn, String queue, String language, Integer severity, String line,
                        Long firstResponse, Long resolution, boolean breached, Integer csat) {
    }

    /** One row of the table: its group's figures, or only its name when suppressed. */
    public record Row(String group, boolean suppressed, int tickets, Long firstResponseMedian, Long firstResponseP90,
                      Long resolutionMedian, Long resolutionP90, int breaches, int csatResponses, Double csatAverage,
                      Map<String, Integer> redactions, Map<String, Integer> trackers) {
        public Map<String, Object> forApi() {
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("group", group);
            out.put("suppressed", suppressed);
            if (suppressed) {
                return out;
            }
            out.put("tickets", tickets);
            out.put("firstResponseSeconds", pair(firstResponseMedian, firstResponseP90));
            out.put("resolutionSeconds", pair(resolutionMedian, resolutionP90));
            out.put("breaches", breaches);
            Map<String, Object> csat = new LinkedHashMap<>();
            csat.put("responses", csatResponses);
            csat.put("average", csatAverage);
            out.put("csat", csat);
            out.put("redactions", redactions);
            out.put("trackersRemoved", trackers);
            return out;
        }

        private static Map<String, Object> pair(Long median, Long p90) {
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("median", median);
            out.put("p90", p90);
            return out;
        }
    }

    /** Narrows the tickets counted to one queue, language or severity; null: any. */
    public record Filter(String queue, String language, Integer severity) {
        public static final Filter NONE = new Filter(null, null, null);

        boolean admits(String factQueue, String factLanguage, Integer factSeverity) {
            return (queue == null || queue.equalsIgnoreCase(String.valueOf(factQueue)))
                    && (language == null || language.equalsIgnoreCase(String.valueOf(factLanguage)))
                    && (severity == null || severity.equals(factSeverity));
        }
    }

    /** The table for tickets filed from {@code from} to {@code to} (inclusive, null: open), by {@code by} (null: the total only). */
    public List<Row> table(LocalDate from, LocalDate to, String by) {
        return table(from, to, by, Filter.NONE);
    }

    /** As {@link #table(LocalDate, LocalDate, String)}, counting only the tickets {@code filter} admits (suppression applies after it). */
    public List<Row> table(LocalDate from, LocalDate to, String by, Filter filter) {
        List<Fact> facts = jdbc.query("select * from ticket_facts where filed_on >= ? and filed_on <= ?", (rs, n) -> new Fact(
                        rs.getString("fact_id"), rs.getDate("filed_on").toLocalDate(), rs.getString("queue"), rs.getString("language"),
                        (Integer) rs.getObject("severity", Integer.class), rs.getString("line"),
                        (Long) rs.getObject("first_response_seconds", Long.class), (Long) rs.getObject("resolution_seconds", Long.class),
                        rs.getBoolean("breached"), (Integer) rs.getObject("csat", Integer.class)),
                Date.valueOf(from == null ? LocalDate.of(1970, 1, 1) : from), Date.valueOf(to == null ? LocalDate.of(9999, 12, 31) : to))
                .stream().filter(f -> filter.admits(f.queue(), f.language(), f.severity())).toList();
        Map<String, Map<String, Map<String, Integer>>> counts = new HashMap<>();
        jdbc.query("select c.fact_id, c.measure, c.kind, c.amount from ticket_fact_counts c join ticket_facts f on f.fact_id = c.fact_id"
                + " where f.filed_on >= ? and f.filed_on <= ?", (org.springframework.jdbc.core.RowCallbackHandler) rs ->
                counts.computeIfAbsent(rs.getString("fact_id"), k -> new HashMap<>())
                        .computeIfAbsent(rs.getString("measure"), k -> new TreeMap<>())
                        .merge(rs.getString("kind"), rs.getInt("amount"), Integer::sum),
                Date.valueOf(from == null ? LocalDate.of(1970, 1, 1) : from), Date.valueOf(to == null ? LocalDate.of(9999, 12, 31) : to));

        List<Row> rows = new ArrayList<>();
        Map<String, List<Fact>> groups = new TreeMap<>();
        if (by != null) {
            Function<Fact, String> key = keyOf(by);
            facts.forEach(f -> groups.computeIfAbsent(key.apply(f), k -> new ArrayList<>()).add(f));
            groups.forEach((group, members) -> rows.add(row(group, members, counts)));
        }
        List<Row> hidden = rows.stream().filter(Row::suppressed).toList();
        int hiddenTickets = hidden.stream().mapToInt(r -> groups.get(r.group()).size()).sum();
        boolean totalGivesAway = hidden.size() == 1 || (!hidden.isEmpty() && hiddenTickets < minGroup);
        rows.add(totalGivesAway ? suppressed("total") : row("total", facts, counts));
        return rows;
    }

    private static Function<Fact, String> keyOf(String by) {
        return switch (by) {
            case "queue" -> f -> f.queue() == null ? "none" : f.queue();
            case "language" -> f -> f.language() == null ? "unknown" : f.language();
            case "severity" -> f -> f.severity() == null ? "none" : f.severity().toString();
            case "line" -> f -> f.line() == null ? "none" : f.line();
            case "week" -> f -> f.filedOn().get(IsoFields.WEEK_BASED_YEAR) + "-W" + String.format("%02d", f.filedOn().get(IsoFields.WEEK_OF_WEEK_BASED_YEAR));
            default -> throw new IllegalArgumentException("by must be one of " + GROUPINGS);
        };
    }

    private Row suppressed(String group) {
        return new Row(group, true, 0, null, null, null, null, 0, 0, null, Map.of(), Map.of());
    }

    private Row row(String group, List<Fact> members, Map<String, Map<String, Map<String, Integer>>> counts) {
        if (members.size() < minGroup) {
            return suppressed(group);
        }
        List<Long> firstResponses = members.stream().map(Fact::firstResponse).filter(v -> v != null).sorted().toList();
        List<Long> resolutions = members.stream().map(Fact::resolution).filter(v -> v != null).sorted().toList();
        List<Integer> csat = members.stream().map(Fact::csat).filter(v -> v != null).toList();
        Map<String, Integer> redactions = new TreeMap<>();
        Map<String, Integer> trackers = new TreeMap<>();
        for (Fact f : members) {
            counts.getOrDefault(f.id(), Map.of()).getOrDefault(TicketFacts.REDACTION, Map.of()).forEach((k, v) -> redactions.merge(k, v, Integer::sum));
            counts.getOrDefault(f.id(), Map.of()).getOrDefault(TicketFacts.TRACKER, Map.of()).forEach((k, v) -> trackers.merge(k, v, Integer::sum));
        }
        boolean enoughAnswers = csat.size() >= minGroup;
        return new Row(group, false, members.size(),
                percentile(firstResponses, 50), percentile(firstResponses, 90),
                percentile(resolutions, 50), percentile(resolutions, 90),
                (int) members.stream().filter(Fact::breached).count(),
                csat.size(), enoughAnswers ? Math.round(csat.stream().mapToInt(Integer::intValue).average().orElse(0) * 100) / 100.0 : null,
                redactions, trackers);
    }

    /** Nearest-rank percentile; none when fewer values than the minimum group (one ticket's duration is not a statistic). */
    private Long percentile(List<Long> sorted, int percent) {
        if (sorted.size() < minGroup || sorted.isEmpty()) {
            return null;
        }
        int rank = (int) Math.ceil(percent / 100.0 * sorted.size());
        return sorted.get(Math.max(0, rank - 1));
    }

    /** The table as CSV for a system owner's spreadsheet: one line per group, empty cells where suppressed. */
    public static String csv(List<Row> rows) {
        StringBuilder out = new StringBuilder("group,suppressed,tickets,first_response_median_s,first_response_p90_s,resolution_median_s,"
                + "resolution_p90_s,breaches,csat_responses,csat_average,redactions,trackers_removed\r\n");
        for (Row r : rows) {
            out.append(cell(r.group())).append(',').append(r.suppressed());
            if (r.suppressed()) {
                out.append(",,,,,,,,,,\r\n");
                continue;
            }
            out.append(',').append(r.tickets())
                    .append(',').append(blank(r.firstResponseMedian())).append(',').append(blank(r.firstResponseP90()))
                    .append(',').append(blank(r.resolutionMedian())).append(',').append(blank(r.resolutionP90()))
                    .append(',').append(r.breaches()).append(',').append(r.csatResponses()).append(',').append(blank(r.csatAverage()))
                    .append(',').append(cell(kinds(r.redactions()))).append(',').append(cell(kinds(r.trackers()))).append("\r\n");
        }
        return out.toString();
    }

    private static String kinds(Map<String, Integer> counts) {
        return String.join(" ", counts.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).toList());
    }

    private static String blank(Object value) {
        return value == null ? "" : value.toString();
    }

    /** Quoted when it must be; a leading = + - @ is defused so a spreadsheet never runs it as a formula. */
    private static String cell(String value) {
        String v = value == null ? "" : value;
        if (!v.isEmpty() && "=+-@".indexOf(v.charAt(0)) >= 0) {
            v = "'" + v;
        }
        return v.matches("[^\",\\r\\n]*") ? v : "\"" + v.replace("\"", "\"\"") + "\"";
    }
}
