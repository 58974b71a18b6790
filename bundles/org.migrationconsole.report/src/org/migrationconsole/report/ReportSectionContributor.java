package org.migrationconsole.report;

import java.util.List;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * A service a step registers to add sections to the report, e.g. its server changes with
 * before/after and undo, the data moved per share with its verification, or BPA results and the
 * diff to the previous run. Sections are placed by {@link #order()} among the report's own:
 * summary 100, timeline 200, clocks 300, pre-flight findings 400, open items 900, journal 950,
 * sign-off 1000. Use {@link #SERVER_CHANGES}, {@link #DATA_MOVED}, {@link #BEST_PRACTICES} or any
 * number between.
 */
@ConsumerType
public interface ReportSectionContributor {

    int SERVER_CHANGES = 500;
    int DATA_MOVED = 600;
    int BEST_PRACTICES = 700;

    /** Where the sections go. */
    int order();

    /**
     * The sections to add now; empty when there is nothing to say. A contributor that fails is
     * left out and the report says so; it never stops the report.
     */
    List<Section> sections(ReportContext context);
}
