package org.migrationconsole.step.bpa.internal;

import static org.migrationconsole.api.step.TaskKind.ARTIFACT;

import java.util.List;

import org.migrationconsole.api.step.DeclaredStep;
import org.migrationconsole.api.step.MigrationStep;
import org.migrationconsole.api.step.StepInput;
import org.migrationconsole.api.step.TaskDescriptor;
import org.osgi.service.component.annotations.Component;

/** Step 8: run the Windows Server Essentials Best Practices Analyzer (catalog step 8). */
@Component(service = MigrationStep.class)
public class BestPracticesAnalyzerStep extends DeclaredStep {

    private static final List<TaskDescriptor> TASKS = List.of(
            TaskDescriptor.builder("bpa.run")
                    .title("Run the Best Practices Analyzer on the destination")
                    .description("Log on to the destination, open the Dashboard, select the server on the Devices tab"
                            + " and click Best Practices Analyzer in its Tasks pane. The analyzer is built in; nothing"
                            + " needs downloading, whatever the overview page says. The console's own analyzer ('bpa"
                            + " run', the Best Practices Analyzer view) reads the destination over LDAP, DNS and SMB"
                            + " with rules modelled on dcdiag and the Essentials BPA, and keeps every run.")
                    .after("post.dns-cleanup").source("catalog 8.1").build(),
            TaskDescriptor.builder("bpa.review")
                    .title("Work through the analyzer report")
                    .description("Read every message, fix the issue or write down why you leave it, and keep the"
                            + " report with the migration records. Microsoft does not publish the rules this analyzer"
                            + " checks, so the console cannot say in advance what it will report.")
                    .kind(ARTIFACT).unverified(true).after("bpa.run").source("catalog 8.2").build());

    private static final List<StepInput> INPUTS = List.of(
            StepInput.text("report-location", "Where the BPA report is kept",
                    "Path or document holding the saved report and your note on each message."));

    public BestPracticesAnalyzerStep() {
        super("bpa", 800, "Run the Best Practices Analyzer",
                "Let the Essentials Best Practices Analyzer check the finished server and deal with everything it"
                + " reports.", TASKS, INPUTS);
    }
}
