package org.migrationconsole.report;

import java.util.List;

/** A piece of a section's content. Every writer renders every kind. */
public sealed interface Block {

    /** A sub-heading inside a section. */
    record Heading(String text) implements Block {
    }

    /** A paragraph of plain text. */
    record Paragraph(String text) implements Block {
    }

    /** A highlighted note (e.g. "2 checks still fail"). */
    record Callout(Tone tone, String title, String text) implements Block {
    }

    /** Label/value pairs, shown as a two-column list. */
    record Facts(List<Fact> facts) implements Block {
        public Facts {
            facts = List.copyOf(facts);
        }
    }

    /** One label/value pair. */
    record Fact(String label, String value) {
    }

    /**
     * A table.
     *
     * @param headers column headings
     * @param weights relative column widths (same size as headers)
     * @param rows the rows
     * @param empty what to show when there are no rows
     */
    record Table(List<String> headers, List<Integer> weights, List<Row> rows, String empty) implements Block {
        public Table {
            headers = List.copyOf(headers);
            weights = List.copyOf(weights);
            rows = List.copyOf(rows);
            if (weights.size() != headers.size()) {
                throw new IllegalArgumentException("a table needs one weight per column");
            }
            for (Row r : rows) {
                if (r.cells().size() != headers.size()) {
                    throw new IllegalArgumentException("row " + r.cells() + " has " + r.cells().size()
                            + " cells for " + headers.size() + " columns");
                }
            }
        }
    }

    /** A table row; {@code tone} colours its first cell as a status badge. */
    record Row(List<String> cells, Tone tone) {
        public Row {
            cells = cells.stream().map(c -> c == null ? "" : c).toList();
        }
    }

    /**
     * A bar chart, drawn as inline SVG in HTML and as vector graphics in the PDF.
     *
     * @param title the chart's title
     * @param categories one per bar (or group of stacked bars)
     * @param series stacked on each other, each with one value per category
     * @param horizontal bars to the right (long labels) rather than up
     * @param max the scale's end, or null for the largest total
     * @param unit appended to values, e.g. " days"
     * @param labels for horizontal charts, the text right of each bar (null: "first / total")
     */
    record Chart(String title, List<String> categories, List<Series> series, boolean horizontal, Double max,
            String unit, List<String> labels) implements Block {
        public Chart {
            categories = List.copyOf(categories);
            series = List.copyOf(series);
            labels = labels == null ? null : List.copyOf(labels);
            if (labels != null && labels.size() != categories.size()) {
                throw new IllegalArgumentException("a chart needs one label per category");
            }
            for (Series s : series) {
                if (s.values().size() != categories.size()) {
                    throw new IllegalArgumentException("series " + s.name() + " needs one value per category");
                }
            }
        }
    }

    /** A chart with the default labels. */
    static Chart of(String title, List<String> categories, List<Series> series, boolean horizontal) {
        return new Chart(title, categories, series, horizontal, null, "", null);
    }

    /** One series of a chart. */
    record Series(String name, Tone tone, List<Double> values) {
        public Series {
            values = List.copyOf(values);
        }
    }

    /** Lines to sign: one per role (e.g. "Consultant", "Business owner"). */
    record Signatures(List<String> roles) implements Block {
        public Signatures {
            roles = List.copyOf(roles);
        }
    }
}
