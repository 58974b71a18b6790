package org.migrationconsole.ui.internal.handlers;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;

import jakarta.inject.Named;

import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.IStatus;
import org.eclipse.core.runtime.Status;
import org.eclipse.core.runtime.SubMonitor;
import org.eclipse.core.runtime.jobs.Job;
import org.eclipse.e4.core.di.annotations.CanExecute;
import org.eclipse.e4.core.di.annotations.Execute;
import org.eclipse.e4.core.di.annotations.Optional;
import org.eclipse.e4.core.di.extensions.Service;
import org.eclipse.e4.ui.di.UISynchronize;
import org.eclipse.jface.dialogs.MessageDialog;
import org.eclipse.swt.program.Program;
import org.eclipse.swt.widgets.DirectoryDialog;
import org.eclipse.swt.widgets.Shell;
import org.migrationconsole.report.ReportFormat;
import org.migrationconsole.report.ReportService;

/**
 * File &gt; Migration report…: asks for a folder, writes migration-report.html and .pdf there in a
 * Job (one unit of progress per file, cancellable between them) and offers to open the HTML.
 * Enabled only while the report bundle's service is there. Tests put the folder into the context
 * as {@value #FOLDER} and skip the dialogs.
 */
public class MigrationReportHandler {

    /** Context key (String): the folder to write to, instead of asking. */
    public static final String FOLDER = "org.migrationconsole.ui.report.folder";
    public static final String JOB_FAMILY = "org.migrationconsole.ui.report";

    @CanExecute
    public boolean canExecute(@Optional @Service ReportService reports) {
        return reports != null;
    }

    @Execute
    public void execute(Shell shell, @Service ReportService reports, UISynchronize ui,
            @Optional @Named(FOLDER) String preset) {
        String dir = preset;
        if (dir == null) {
            DirectoryDialog d = new DirectoryDialog(shell);
            d.setText("Migration report");
            d.setMessage("The folder to write migration-report.html and migration-report.pdf to");
            dir = d.open();
            if (dir == null) {
                return;
            }
        }
        Path out = Path.of(dir);
        boolean ask = preset == null;
        Job job = new Job("Writing the migration report") {
            @Override
            protected IStatus run(IProgressMonitor monitor) {
                ReportFormat[] formats = ReportFormat.values();
                SubMonitor sub = SubMonitor.convert(monitor, "Writing the migration report to " + out, formats.length);
                List<Path> written = new ArrayList<>();
                for (ReportFormat f : formats) {
                    if (sub.isCanceled()) {
                        return Status.CANCEL_STATUS;
                    }
                    sub.subTask(f.fileName());
                    try {
                        written.addAll(reports.write(out, EnumSet.of(f)));
                    } catch (IOException | RuntimeException e) {
                        ui.asyncExec(() -> {
                            if (!shell.isDisposed()) {
                                MessageDialog.openError(shell, "Migration report", "The report could not be written"
                                        + " to " + out + ":\n" + e.getMessage());
                            }
                        });
                        return Status.OK_STATUS;
                    }
                    sub.worked(1);
                }
                if (ask) {
                    ui.asyncExec(() -> {
                        if (!shell.isDisposed() && MessageDialog.openQuestion(shell, "Migration report",
                                "Wrote " + written.size() + " files to " + out + ".\n\nOpen the HTML report now?")) {
                            Program.launch(written.get(0).toString());
                        }
                    });
                }
                return Status.OK_STATUS;
            }

            @Override
            public boolean belongsTo(Object family) {
                return JOB_FAMILY.equals(family);
            }
        };
        job.setUser(true);
        job.schedule();
    }
}
