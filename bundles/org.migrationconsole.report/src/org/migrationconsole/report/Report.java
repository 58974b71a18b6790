package org.migrationconsole.report;

import java.time.Instant;
import java.time.ZoneId;
import java.util.List;

/**
 * The whole report as a document.
 *
 * @param title e.g. "Migration report — Contoso Ltd"
 * @param subtitle e.g. "SBS 2003 (sbs2003.contoso.local) to Windows Server 2012 R2 Essentials"
 * @param generatedAt when it was built
 * @param zone the time zone its times are shown in
 * @param sections in order
 */
public record Report(String title, String subtitle, Instant generatedAt, ZoneId zone, List<Section> sections) {

    public Report {
        sections = List.copyOf(sections);
    }
}
