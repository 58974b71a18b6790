package org.migrationconsole.step.bpa.ui.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Inject;

import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.IStatus;
import org.eclipse.core.runtime.Status;
import org.eclipse.core.runtime.jobs.Job;
import org.eclipse.e4.ui.di.Focus;
import org.eclipse.e4.ui.di.UISynchronize;
import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.layout.GridLayoutFactory;
import org.eclipse.jface.viewers.ArrayContentProvider;
import org.eclipse.jface.viewers.ColumnLabelProvider;
import org.eclipse.jface.viewers.IStructuredSelection;
import org.eclipse.jface.viewers.TableViewer;
import org.eclipse.jface.viewers.TableViewerColumn;
import org.eclipse.swt.SWT;
import org.eclipse.swt.custom.SashForm;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Combo;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.FileDialog;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.ProgressBar;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.Text;
import org.migrationconsole.api.check.ConnectionException;
import org.migrationconsole.api.check.ConnectionProfile;
import org.migrationconsole.api.state.MigrationStateService;
import org.migrationconsole.connect.ProfileFile;
import org.migrationconsole.connect.SecretStore;
import org.migrationconsole.step.bpa.internal.BpaService;
import org.migrationconsole.step.bpa.internal.imports.MicrosoftBpaImport;
import org.migrationconsole.step.bpa.internal.rules.Finding;
import org.migrationconsole.step.bpa.internal.store.BpaDiff;
import org.migrationconsole.step.bpa.internal.store.BpaRun;

/**
 * Step 8's view: the kept analyzer runs (and imported Microsoft BPA results), the findings of one
 * run against another one (new, still open, resolved), the selected finding's evidence and remedy;
 * Run analyzer (a Job with progress and Cancel) and Import. Reading the runs is a Job too; widgets
 * change only through {@link UISynchronize}.
 */
public class BpaView {

    /** Widget ids for tests. */
    public static final String WIDGET_ID = "org.migrationconsole.widgetId";

    @Inject
    private MigrationStateService state;
    @Inject
    @org.eclipse.e4.core.di.annotations.Optional
    private BpaService bpa;
    @Inject
    private UISynchronize sync;
    @Inject
    private Shell shell;

    private Combo runCombo;
    private Combo compareCombo;
    private Label summary;
    private Label note;
    private ProgressBar progress;
    private Button runButton;
    private Button cancelButton;
    private TableViewer viewer;
    private Text details;
    private List<BpaRun> runs = List.of();
    private Map<String, String> change = Map.of();
    private volatile Job job;

    @PostConstruct
    public void create(Composite parent) {
        GridLayoutFactory.fillDefaults().numColumns(8).margins(6, 6).applyTo(parent);
        new Label(parent, SWT.NONE).setText("Run:");
        runCombo = combo(parent, "bpa-run");
        new Label(parent, SWT.NONE).setText("compared with:");
        compareCombo = combo(parent, "bpa-compare");
        runButton = button(parent, "Run analyzer", "bpa-run-button", e -> runAnalyzer());
        button(parent, "Import Microsoft BPA result…", "bpa-import", e -> importResult());
        progress = new ProgressBar(parent, SWT.HORIZONTAL);
        GridDataFactory.fillDefaults().hint(120, SWT.DEFAULT).applyTo(progress);
        cancelButton = button(parent, "Cancel", "bpa-cancel", e -> {
            Job j = job;
            if (j != null) {
                j.cancel();
            }
        });
        cancelButton.setEnabled(false);
        summary = new Label(parent, SWT.WRAP);
        summary.setData(WIDGET_ID, "bpa-summary");
        GridDataFactory.fillDefaults().span(8, 1).grab(true, false).applyTo(summary);
        note = new Label(parent, SWT.WRAP);
        note.setData(WIDGET_ID, "bpa-note");
        note.setForeground(parent.getDisplay().getSystemColor(SWT.COLOR_DARK_YELLOW));
        GridDataFactory.fillDefaults().span(8, 1).grab(true, false).exclude(true).applyTo(note);
        note.setVisible(false);

        SashForm sash = new SashForm(parent, SWT.HORIZONTAL);
        GridDataFactory.fillDefaults().span(8, 1).grab(true, true).applyTo(sash);
        viewer = new TableViewer(sash, SWT.BORDER | SWT.FULL_SELECTION | SWT.SINGLE);
        viewer.getTable().setHeaderVisible(true);
        viewer.getTable().setLinesVisible(true);
        viewer.getTable().setData(WIDGET_ID, "bpa-findings");
        column("Change", 80, f -> change.getOrDefault(f.ruleId(), ""));
        column("Severity", 70, Finding::severity);
        column("Status", 60, Finding::status);
        column("Rule", 220, Finding::ruleId);
        column("Category", 80, Finding::category);
        column("Finding", 380, Finding::message);
        viewer.setContentProvider(ArrayContentProvider.getInstance());
        viewer.addSelectionChangedListener(e -> showDetails());
        details = new Text(sash, SWT.BORDER | SWT.MULTI | SWT.READ_ONLY | SWT.WRAP | SWT.V_SCROLL);
        details.setData(WIDGET_ID, "bpa-details");
        sash.setWeights(62, 38);
        runCombo.addListener(SWT.Selection, e -> show());
        compareCombo.addListener(SWT.Selection, e -> show());
        load(null);
    }

    private Combo combo(Composite parent, String id) {
        Combo c = new Combo(parent, SWT.READ_ONLY);
        c.setData(WIDGET_ID, id);
        GridDataFactory.fillDefaults().hint(240, SWT.DEFAULT).applyTo(c);
        return c;
    }

    private static Button button(Composite parent, String text, String id, org.eclipse.swt.widgets.Listener l) {
        Button b = new Button(parent, SWT.PUSH);
        b.setText(text);
        b.setData(WIDGET_ID, id);
        b.addListener(SWT.Selection, l);
        return b;
    }

    private void column(String title, int width, java.util.function.Function<Finding, String> text) {
        TableViewerColumn c = new TableViewerColumn(viewer, SWT.NONE);
        c.getColumn().setText(title);
        c.getColumn().setWidth(width);
        c.setLabelProvider(new ColumnLabelProvider() {
            @Override
            public String getText(Object element) {
                return text.apply((Finding) element);
            }
        });
    }

    /** Reads the kept runs in a Job, then shows them (selecting {@code select} when given). */
    private void load(String select) {
        if (bpa == null) {
            summary.setText("The analyzer service is not running.");
            return;
        }
        Job read = Job.create("Reading the analyzer's runs", m -> {
            List<String> problems = new ArrayList<>();
            List<BpaRun> all = bpa.store().runs(problems);
            sync.asyncExec(() -> {
                if (viewer.getTable().isDisposed()) {
                    return;
                }
                runs = all;
                fill(select);
                if (!problems.isEmpty()) {
                    details.setText("Unreadable runs left out:\n" + String.join("\n", problems));
                }
            });
            return Status.OK_STATUS;
        });
        read.setSystem(true);
        read.schedule();
    }

    private void fill(String select) {
        runCombo.removeAll();
        compareCombo.removeAll();
        compareCombo.add("(nothing)");
        for (int i = runs.size() - 1; i >= 0; i--) {
            String label = label(i);
            runCombo.add(label);
            compareCombo.add(label);
        }
        if (runs.isEmpty()) {
            summary.setText("No analyzer run yet. Run analyzer reads the destination named in the connection profile.");
            viewer.setInput(List.of());
            return;
        }
        int at = 0;
        if (select != null) {
            for (int i = 0; i < runs.size(); i++) {
                if (runs.get(runs.size() - 1 - i).id().equals(select)) {
                    at = i;
                }
            }
        }
        runCombo.select(at);
        compareCombo.select(Math.min(at + 2, compareCombo.getItemCount() - 1));
        show();
    }

    private String label(int index) {
        BpaRun r = runs.get(index);
        return (index + 1) + ": " + r.id() + (r.origin().equals("import") ? " (imported)" : "") + " – "
                + r.open().size() + " open";
    }

    private BpaRun selected(Combo c, int offset) {
        int i = c.getSelectionIndex() - offset;
        return i < 0 || i >= runs.size() ? null : runs.get(runs.size() - 1 - i);
    }

    private void show() {
        BpaRun run = selected(runCombo, 0);
        if (run == null) {
            return;
        }
        BpaRun base = selected(compareCombo, 1);
        List<Finding> rows = new ArrayList<>(run.findings());
        java.util.Map<String, String> marks = new java.util.HashMap<>();
        String diffText = "";
        if (base != null && base != run) {
            BpaDiff d = BpaDiff.of(base, run);
            d.added().forEach(f -> marks.put(f.ruleId(), "new"));
            d.stillOpen().forEach(f -> marks.put(f.ruleId(), "still open"));
            for (Finding f : d.resolved()) {
                marks.put(f.ruleId(), "resolved");
                if (rows.stream().noneMatch(x -> x.ruleId().equals(f.ruleId()))) {
                    rows.add(f);
                }
            }
            diffText = " Compared with run " + base.id() + ": " + d.added().size() + " new, " + d.resolved().size()
                    + " resolved, " + d.stillOpen().size() + " still open.";
        }
        change = marks;
        rows.sort(Comparator.comparing((Finding f) -> !f.open()).thenComparing(f -> switch (f.severity()) {
            case "error" -> 0;
            case "warning" -> 1;
            default -> 2;
        }).thenComparing(Finding::ruleId));
        viewer.setInput(rows);
        summary.setText(run.destination() + ": " + run.findings().size() + " rules, " + run.open().size()
                + " open finding(s), " + run.count("pass") + " passed, " + run.count("skipped") + " skipped"
                + (run.canceled() ? " (cancelled)" : "") + "." + diffText);
        boolean imported = run.origin().equals("import");
        note.setText(imported ? "Imported from " + run.server() + ". " + MicrosoftBpaImport.UNVERIFIED : "");
        note.setVisible(imported);
        ((org.eclipse.swt.layout.GridData) note.getLayoutData()).exclude = !imported;
        note.getParent().layout(true, true);
        details.setText("");
    }

    private void showDetails() {
        Object o = ((IStructuredSelection) viewer.getSelection()).getFirstElement();
        if (!(o instanceof Finding f)) {
            return;
        }
        StringBuilder sb = new StringBuilder();
        sb.append(f.title()).append("\n\n").append(f.status()).append(" (").append(f.severity()).append("): ")
                .append(f.message()).append("\n");
        if (!f.remedy().isEmpty()) {
            sb.append("\nRemedy: ").append(f.remedy()).append("\n");
        }
        sb.append("\nEvidence:\n");
        f.evidence().forEach(e -> sb.append("  ").append(e).append("\n"));
        details.setText(sb.toString());
    }

    private void runAnalyzer() {
        if (bpa == null || job != null) {
            return;
        }
        Path file = state.workspace().directory().resolve(ProfileFile.WORKSPACE_PROFILE);
        ConnectionProfile profile;
        try {
            if (!Files.exists(file)) {
                summary.setText("No connection profile yet: File > Connection profile.");
                return;
            }
            profile = ProfileFile.read(file);
        } catch (ConnectionException e) {
            summary.setText("The connection profile needs attention: " + e.getMessage());
            return;
        }
        if (profile.destinationHost() == null || profile.destinationHost().isBlank()) {
            summary.setText("The connection profile names no destination server (destination.host).");
            return;
        }
        Optional<char[]> password = stored(profile);
        if (password.isEmpty()) {
            password = PasswordDialog.ask(shell, profile.adminAccount() + "@" + profile.domain());
            if (password.isEmpty()) {
                return;
            }
        }
        char[] pw = password.get();
        int total = bpa.rules().size();
        progress.setMaximum(total);
        progress.setSelection(0);
        runButton.setEnabled(false);
        cancelButton.setEnabled(true);
        summary.setText("Analyzing " + profile.destinationHost() + " …");
        Job j = new Job("Best Practices Analyzer: " + profile.destinationHost()) {
            @Override
            protected IStatus run(IProgressMonitor monitor) {
                monitor.beginTask(getName(), total);
                int[] done = { 0 };
                try {
                    BpaRun r = bpa.run(profile, pw, f -> {
                        monitor.worked(1);
                        done[0]++;
                        sync.asyncExec(() -> {
                            if (!progress.isDisposed()) {
                                progress.setSelection(done[0]);
                            }
                        });
                    }, monitor::isCanceled);
                    finished(r.id(), null);
                } catch (ConnectionException | IOException | RuntimeException e) {
                    finished(null, e.getMessage());
                } finally {
                    java.util.Arrays.fill(pw, '\0');
                    monitor.done();
                }
                return Status.OK_STATUS;
            }
        };
        job = j;
        j.schedule();
    }

    private void finished(String runId, String error) {
        job = null;
        sync.asyncExec(() -> {
            if (runButton.isDisposed()) {
                return;
            }
            runButton.setEnabled(true);
            cancelButton.setEnabled(false);
            if (error != null) {
                summary.setText("The analyzer could not run: " + error);
            } else {
                load(runId);
            }
        });
    }

    private static Optional<char[]> stored(ConnectionProfile profile) {
        try {
            return SecretStore.open(SecretStore.defaultFolder())
                    .get(SecretStore.accountKey(profile.adminAccount(), profile.sourceHost()));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private void importResult() {
        FileDialog d = new FileDialog(shell, SWT.OPEN);
        d.setText("Import an exported Microsoft BPA result (format unverified)");
        d.setFilterExtensions(new String[] { "*.csv", "*.*" });
        String f = d.open();
        if (f == null || bpa == null) {
            return;
        }
        Job j = Job.create("Importing " + f, m -> {
            try {
                String dest = "";
                Path profile = state.workspace().directory().resolve(ProfileFile.WORKSPACE_PROFILE);
                if (Files.exists(profile)) {
                    dest = ProfileFile.read(profile).destinationHost();
                }
                BpaRun r = bpa.keep(MicrosoftBpaImport.standard().read(Path.of(f), dest));
                sync.asyncExec(() -> load(r.id()));
            } catch (IOException | ConnectionException | RuntimeException e) {
                sync.asyncExec(() -> summary.setText("Not imported: " + e.getMessage()));
            }
            return Status.OK_STATUS;
        });
        j.schedule();
    }

    @Focus
    public void focus() {
        viewer.getTable().setFocus();
    }

    @PreDestroy
    public void dispose() {
        Job j = job;
        if (j != null) {
            j.cancel();
        }
    }
}
