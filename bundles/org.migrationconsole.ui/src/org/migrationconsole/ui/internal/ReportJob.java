package org.migrationconsole.ui.internal;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;

import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.IStatus;
import org.eclipse.core.runtime.Status;
import org.eclipse.core.runtime.SubMonitor;
import org.eclipse.core.runtime.jobs.Job;
import org.eclipse.e4.ui.di.UISynchronize;
import org.eclipse.jface.dialogs.MessageDialog;
import org.eclipse.swt.program.Program;
import org.eclipse.swt.widgets.Shell;
import org.migrationconsole.report.ReportFormat;
import org.migrationconsole.report.ReportService;

/**
 * Writes the migration report (one file per format) off the UI thread: one unit of progress
 * per file, cancellable between them (the Progress view shows it). When it is done it tells
 * the user through {@link UISynchronize}: an error names the folder and the reason; on success
 * it offers to open the HTML (only when {@code offerToOpen}).
 */
public final class ReportJob extends Job {

    /** Context key (String): the folder to write to instead of asking (tests). */
    public static final String FOLDER = "org.migrationconsole.ui.report.folder";
    /** The job family, for {@code Job.getJobManager().join(FAMILY, …)}. */
    public static final String FAMILY = "org.migrationconsole.ui.report";

    private final ReportService reports;
    private final Path out;
    private final UISynchronize ui;
    private final Shell shell;
    private final boolean offerToOpen;
    private volatile List<Path> written = List.of();

    public ReportJob(ReportService reports, Path out, UISynchronize ui, Shell shell, boolean offerToOpen) {
        super("Writing the migration report");
        this.reports = reports;
        this.out = out;
        this.ui = ui;
        this.shell = shell;
        this.offerToOpen = offerToOpen;
        setUser(true);
    }

    /** The files written by the last run. */
    public List<Path> written() {
        return written;
    }

    @Override
    protected IStatus run(IProgressMonitor monitor) {
        ReportFormat[] formats = ReportFormat.values();
        SubMonitor sub = SubMonitor.convert(monitor, "Writing the migration report to " + out, formats.length);
        List<Path> files = new ArrayList<>();
        for (ReportFormat f : formats) {
            if (sub.isCanceled()) {
                written = List.copyOf(files);
                return Status.CANCEL_STATUS;
            }
            sub.subTask(f.fileName());
            try {
                files.addAll(reports.write(out, EnumSet.of(f)));
            } catch (IOException | RuntimeException e) {
                written = List.copyOf(files);
                String why = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
                ui.asyncExec(() -> {
                    if (!shell.isDisposed()) {
                        MessageDialog.openError(shell, "Migration report", "The report could not be written to "
                                + out + ":\n" + why);
                    }
                });
                // the error was shown; an error status would show a second dialog
                return Status.OK_STATUS;
            }
            sub.worked(1);
        }
        written = List.copyOf(files);
        if (offerToOpen && !files.isEmpty()) {
            Path html = files.get(0);
            ui.asyncExec(() -> {
                if (!shell.isDisposed() && MessageDialog.openQuestion(shell, "Migration report", "Wrote "
                        + files.size() + " files to " + out + ".\n\nOpen " + html.getFileName() + " now?")) {
                    Program.launch(html.toString());
                }
            });
        }
        return Status.OK_STATUS;
    }

    @Override
    public boolean belongsTo(Object family) {
        return FAMILY.equals(family);
    }
}
