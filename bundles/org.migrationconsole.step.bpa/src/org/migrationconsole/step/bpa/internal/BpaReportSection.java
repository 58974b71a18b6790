package org.migrationconsole.step.bpa.internal;

import java.util.ArrayList;
import java.util.List;

import org.migrationconsole.report.Block;
import org.migrationconsole.report.ReportContext;
import org.migrationconsole.report.ReportSectionContributor;
import org.migrationconsole.report.Section;
import org.migrationconsole.report.Tone;
import org.migrationconsole.step.bpa.internal.rules.Finding;
import org.migrationconsole.step.bpa.internal.store.BpaDiff;
import org.migrationconsole.step.bpa.internal.store.BpaRun;
import org.migrationconsole.step.bpa.internal.store.BpaStore;
import org.osgi.service.component.annotations.Component;

/**
 * The report's "Best Practices Analyzer" section (order {@link #BEST_PRACTICES}): the latest run's
 * counts and open findings with their remedies, and what changed since the run before (new,
 * resolved, still open), with a chart of the findings per run. Nothing when the analyzer never ran.
 */
@Component(service = ReportSectionContributor.class)
public class BpaReportSection implements ReportSectionContributor {

    @Override
    public int order() {
        return BEST_PRACTICES;
    }

    @Override
    public List<Section> sections(ReportContext context) {
        List<String> problems = new ArrayList<>();
        List<BpaRun> runs = new BpaStore(context.workspace()).runs(problems);
        if (runs.isEmpty()) {
            return List.of();
        }
        BpaRun latest = runs.get(runs.size() - 1);
        List<Block> blocks = new ArrayList<>();
        blocks.add(new Block.Facts(List.of(new Block.Fact("Server analysed", latest.destination()),
                new Block.Fact("Latest run", context.format(latest.startedAt()) + " (" + latest.origin() + ")"
                        + (latest.canceled() ? ", cancelled before every rule finished" : "")),
                new Block.Fact("Rules", latest.findings().size() + ": " + latest.count("pass") + " passed, "
                        + latest.count("fail") + " failed, " + latest.count("error") + " could not decide, "
                        + latest.count("skipped") + " skipped"),
                new Block.Fact("Runs kept", Integer.toString(runs.size())))));
        List<Block.Row> open = new ArrayList<>();
        for (Finding f : latest.open()) {
            open.add(new Block.Row(List.of(f.title() + " (" + f.ruleId() + ")", f.severity(), f.message(), f
                    .remedy()), "error".equals(f.severity()) ? Tone.BAD : "warning".equals(f.severity())
                            ? Tone.WARNING : Tone.INFO));
        }
        blocks.add(new Block.Heading("Open findings"));
        blocks.add(new Block.Table(List.of("Rule", "Severity", "Finding", "Remedy"), List.of(3, 1, 4, 4), open,
                "none: every rule passed or was skipped"));
        if (runs.size() > 1) {
            BpaDiff d = BpaDiff.of(runs.get(runs.size() - 2), latest);
            List<Block.Row> rows = new ArrayList<>();
            d.added().forEach(f -> rows.add(new Block.Row(List.of("new", f.title() + " (" + f.ruleId() + ")", f
                    .message()), Tone.BAD)));
            d.resolved().forEach(f -> rows.add(new Block.Row(List.of("resolved", f.title() + " (" + f.ruleId()
                    + ")", d.nowOf(f)), Tone.GOOD)));
            d.stillOpen().forEach(f -> rows.add(new Block.Row(List.of("still open", f.title() + " (" + f.ruleId()
                    + ")", f.message()), Tone.WARNING)));
            blocks.add(new Block.Heading("Since the run of " + context.format(d.from().startedAt())));
            blocks.add(new Block.Table(List.of("Change", "Rule", "Now"), List.of(1, 3, 5), rows,
                    "nothing changed"));
        }
        List<String> labels = new ArrayList<>();
        List<Double> failed = new ArrayList<>();
        List<Double> passed = new ArrayList<>();
        for (BpaRun r : runs.subList(Math.max(0, runs.size() - 8), runs.size())) {
            labels.add(context.format(r.startedAt()));
            failed.add((double) (r.count("fail") + r.count("error")));
            passed.add((double) r.count("pass"));
        }
        blocks.add(new Block.Chart("Findings per run", labels, List.of(new Block.Series("open", Tone.BAD, failed),
                new Block.Series("passed", Tone.GOOD, passed)), true, null, "", null));
        if (!problems.isEmpty()) {
            blocks.add(new Block.Callout(Tone.WARNING, "Runs that could not be read", String.join("; ", problems)));
        }
        return List.of(new Section("best-practices", "Best Practices Analyzer", "The destination server checked"
                + " against the practices dcdiag and the Essentials BPA look at, and what changed since the run"
                + " before.", blocks));
    }
}
