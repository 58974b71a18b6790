package org.migrationconsole.report;

import java.util.Locale;

/** The formats the report is written in. */
public enum ReportFormat {
    /** One self-contained HTML file: styles and charts inline, no network needed. */
    HTML("html"),
    /** A PDF of the same content. */
    PDF("pdf");

    private final String id;

    ReportFormat(String id) {
        this.id = id;
    }

    public String id() {
        return id;
    }

    /** The file name written for this format. */
    public String fileName() {
        return "migration-report." + id;
    }

    /** @throws IllegalArgumentException naming the accepted values */
    public static ReportFormat byId(String id) {
        for (ReportFormat f : values()) {
            if (f.id.equals(id.trim().toLowerCase(Locale.ROOT))) {
                return f;
            }
        }
        throw new IllegalArgumentException("format '" + id + "' must be html or pdf");
    }
}
