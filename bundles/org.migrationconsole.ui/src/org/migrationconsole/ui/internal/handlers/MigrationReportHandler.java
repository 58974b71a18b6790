package org.migrationconsole.ui.internal.handlers;

import java.nio.file.Path;

import jakarta.inject.Named;

import org.eclipse.e4.core.di.annotations.CanExecute;
import org.eclipse.e4.core.di.annotations.Execute;
import org.eclipse.e4.core.di.annotations.Optional;
import org.eclipse.e4.core.di.extensions.Service;
import org.eclipse.e4.ui.di.UISynchronize;
import org.eclipse.swt.widgets.DirectoryDialog;
import org.eclipse.swt.widgets.Shell;
import org.migrationconsole.report.ReportService;
import org.migrationconsole.ui.internal.ReportJob;

/**
 * File &gt; Migration report…: asks for a folder and hands the writing to a {@link ReportJob}.
 * Enabled only while the report bundle's service is there.
 */
public class MigrationReportHandler {

    @CanExecute
    public boolean canExecute(@Optional @Service ReportService reports) {
        return reports != null;
    }

    @Execute
    public void execute(Shell shell, @Service ReportService reports, UISynchronize ui,
            @Optional @Named(ReportJob.FOLDER) String preset) {
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
        new ReportJob(reports, Path.of(dir), ui, shell, preset == null).schedule();
    }
}
