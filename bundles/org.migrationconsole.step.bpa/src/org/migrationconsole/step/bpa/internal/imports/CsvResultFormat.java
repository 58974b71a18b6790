package org.migrationconsole.step.bpa.internal.imports;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.migrationconsole.step.bpa.internal.rules.Finding;

/**
 * {@code Get-BpaResult <ModelId> | Export-Csv}: a CSV file (optionally starting with a
 * {@code #TYPE} line) with the properties of Microsoft's BPA result objects as columns: at least
 * {@code Severity} and {@code Title}; {@code RuleId}, {@code Category}, {@code Problem},
 * {@code Impact}, {@code Resolution}, {@code Compliance}, {@code ComputerName}, {@code ModelId} are
 * read when present. UNVERIFIED: the column set comes from the documented result object, not from an
 * Essentials export seen by the console's authors.
 */
public final class CsvResultFormat implements ImportFormat {

    @Override
    public String name() {
        return "Get-BpaResult | Export-Csv (unverified)";
    }

    @Override
    public boolean accepts(String text) {
        String head = firstDataLine(text).toLowerCase(Locale.ROOT);
        return head.contains("severity") && head.contains("title");
    }

    private static String firstDataLine(String text) {
        for (String line : text.split("\r?\n", 5)) {
            if (!line.startsWith("#TYPE") && !line.isBlank()) {
                return line;
            }
        }
        return "";
    }

    @Override
    public List<Finding> parse(String text) {
        List<List<String>> rows = csv(text);
        int start = 0;
        while (start < rows.size() && (rows.get(start).isEmpty() || rows.get(start).get(0).startsWith("#TYPE"))) {
            start++;
        }
        if (start >= rows.size()) {
            throw new IllegalArgumentException("no header line with the columns");
        }
        Map<String, Integer> col = new HashMap<>();
        List<String> header = rows.get(start);
        for (int i = 0; i < header.size(); i++) {
            col.put(header.get(i).trim().toLowerCase(Locale.ROOT), i);
        }
        for (String needed : List.of("severity", "title")) {
            if (!col.containsKey(needed)) {
                throw new IllegalArgumentException("the header has no '" + needed + "' column (it has: "
                        + String.join(", ", header) + ")");
            }
        }
        List<Finding> out = new ArrayList<>();
        for (int r = start + 1; r < rows.size(); r++) {
            List<String> row = rows.get(r);
            if (row.size() == 1 && row.get(0).isBlank()) {
                continue;
            }
            String raw = get(row, col, "severity");
            String sev = raw.toLowerCase(Locale.ROOT);
            String severity;
            String status;
            switch (sev) {
                case "error" -> { severity = "error"; status = "fail"; }
                case "warning" -> { severity = "warning"; status = "fail"; }
                case "information", "informational", "info" -> { severity = "info"; status = "pass"; }
                default -> throw new IllegalArgumentException("line " + (r + 1) + ": Severity '" + raw
                        + "' is not Error, Warning or Information");
            }
            String rule = get(row, col, "ruleid");
            String id = "ms." + (rule.isBlank() ? "result-" + (r - start) : rule.toLowerCase(Locale.ROOT)
                    .replaceAll("[^a-z0-9.-]", "-"));
            String title = get(row, col, "title");
            String problem = get(row, col, "problem");
            String compliance = get(row, col, "compliance");
            List<String> evidence = new ArrayList<>();
            for (String k : List.of("impact", "computername", "modelid", "category", "context", "source")) {
                String v = get(row, col, k);
                if (!v.isBlank()) {
                    evidence.add(k + ": " + v);
                }
            }
            evidence.add("imported line " + (r + 1));
            out.add(new Finding(id, title, get(row, col, "category").isBlank() ? "Microsoft BPA"
                    : get(row, col, "category"), severity, status, status.equals("pass")
                            ? (compliance.isBlank() ? title : compliance) : (problem.isBlank() ? title : problem),
                    evidence, status.equals("pass") ? "" : get(row, col, "resolution").isBlank()
                            ? "See the rule in Microsoft's BPA" : get(row, col, "resolution")));
        }
        return out;
    }

    private static String get(List<String> row, Map<String, Integer> col, String name) {
        Integer i = col.get(name);
        return i == null || i >= row.size() ? "" : row.get(i).trim();
    }

    /** RFC 4180 CSV: quoted fields with doubled quotes and line breaks. */
    static List<List<String>> csv(String text) {
        List<List<String>> rows = new ArrayList<>();
        List<String> row = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quoted) {
                if (c == '"') {
                    if (i + 1 < text.length() && text.charAt(i + 1) == '"') {
                        field.append('"');
                        i++;
                    } else {
                        quoted = false;
                    }
                } else {
                    field.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                row.add(field.toString());
                field.setLength(0);
            } else if (c == '\n' || c == '\r') {
                if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
                    i++;
                }
                row.add(field.toString());
                field.setLength(0);
                rows.add(row);
                row = new ArrayList<>();
            } else {
                field.append(c);
            }
        }
        if (quoted) {
            throw new IllegalArgumentException("a quoted field is not closed at the end of the file");
        }
        if (field.length() > 0 || !row.isEmpty()) {
            row.add(field.toString());
            rows.add(row);
        }
        return rows;
    }
}
