package org.migrationconsole.step.join.ui.internal;

import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.annotation.PostConstruct;
import jakarta.inject.Inject;

import org.eclipse.core.runtime.IStatus;
import org.eclipse.core.runtime.Status;
import org.eclipse.core.runtime.SubMonitor;
import org.eclipse.core.runtime.jobs.Job;
import org.eclipse.e4.ui.di.Focus;
import org.eclipse.e4.ui.di.UIEventTopic;
import org.eclipse.e4.ui.di.UISynchronize;
import org.eclipse.jface.dialogs.IInputValidator;
import org.eclipse.jface.dialogs.InputDialog;
import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.layout.GridLayoutFactory;
import org.eclipse.jface.window.Window;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Table;
import org.eclipse.swt.widgets.TableColumn;
import org.eclipse.swt.widgets.TableItem;
import org.migrationconsole.api.state.MigrationStateService;
import org.migrationconsole.api.state.StateEvents;
import org.migrationconsole.step.join.internal.clients.Classifier;
import org.migrationconsole.step.join.internal.clients.Classifier.Classification;
import org.migrationconsole.step.join.internal.clients.Classifier.Kind;
import org.migrationconsole.step.join.internal.clients.Computer;
import org.migrationconsole.step.join.internal.clients.Marks;
import org.migrationconsole.step.join.internal.clients.Marks.Mark;
import org.migrationconsole.step.join.internal.clients.StoredInventory;
import org.migrationconsole.step.join.internal.clients.StoredInventory.Snapshot;
import org.migrationconsole.ui.step.TaskJobs;
import org.osgi.service.event.Event;

/**
 * Step 3's Clients view: the inventory of the latest run of step 3's checks (read from the workspace
 * in a Job, never on the UI thread), each computer's class and mark; marks computers connected or
 * excluded (with a reason) through the migration-state service. "Run checks" on step 3's toolbar reads
 * the directory again; the view follows the journal.
 */
public class ClientsPart {

    /** Widget ids for tests ({@code widget.getData(StepParts.WIDGET_ID)}). */
    static final String ID_KEY = org.migrationconsole.ui.step.StepParts.WIDGET_ID;

    @Inject
    private MigrationStateService state;
    @Inject
    private UISynchronize sync;

    private Label summary;
    private Table table;
    private Button connected;
    private Button excluded;
    private List<Row> rows = List.of();
    private volatile Job loading;

    /** One line of the table. */
    record Row(Computer computer, Classification classification, Mark mark) {
    }

    /** What the Job loaded. */
    record Loaded(Snapshot snapshot, int staleDays, List<Row> rows, String problem) {
    }

    @PostConstruct
    public void create(Composite parent) {
        GridLayoutFactory.fillDefaults().margins(8, 8).spacing(4, 6).applyTo(parent);
        summary = new Label(parent, SWT.WRAP);
        summary.setData(ID_KEY, "clients:summary");
        summary.setText("Loading the inventory\u2026");
        GridDataFactory.fillDefaults().grab(true, false).hint(500, SWT.DEFAULT).applyTo(summary);
        table = new Table(parent, SWT.BORDER | SWT.FULL_SELECTION | SWT.MULTI);
        table.setData(ID_KEY, "clients:table");
        table.setHeaderVisible(true);
        table.setLinesVisible(true);
        for (String[] c : new String[][] { { "Computer", "130" }, { "Class", "150" }, { "System", "230" },
                { "Enabled", "60" }, { "Last logon", "90" }, { "DNS A", "100" }, { "Mark", "260" } }) {
            TableColumn col = new TableColumn(table, SWT.LEFT);
            col.setText(c[0]);
            col.setWidth(Integer.parseInt(c[1]));
        }
        GridDataFactory.fillDefaults().grab(true, true).applyTo(table);
        Composite buttons = new Composite(parent, SWT.NONE);
        GridLayoutFactory.fillDefaults().numColumns(3).applyTo(buttons);
        GridDataFactory.fillDefaults().grab(true, false).applyTo(buttons);
        connected = new Button(buttons, SWT.PUSH);
        connected.setText("Mark connected");
        connected.setData(ID_KEY, "clients:connected");
        connected.addListener(SWT.Selection, e -> mark(true));
        excluded = new Button(buttons, SWT.PUSH);
        excluded.setText("Mark excluded\u2026");
        excluded.setData(ID_KEY, "clients:excluded");
        excluded.addListener(SWT.Selection, e -> mark(false));
        Label hint = new Label(buttons, SWT.WRAP);
        hint.setText("\"Run checks\" on the toolbar reads the computer accounts again. Stale after the days set in"
                + " step 3's notes (stale-days).");
        GridDataFactory.fillDefaults().grab(true, false).hint(300, SWT.DEFAULT).applyTo(hint);
        table.addListener(SWT.Selection, e -> enableButtons());
        enableButtons();
        load();
    }

    @Inject
    @org.eclipse.e4.core.di.annotations.Optional
    void stateChanged(@UIEventTopic(StateEvents.TOPIC_ALL) Event event) {
        load();
    }

    private void enableButtons() {
        boolean any = table.getSelectionCount() > 0;
        connected.setEnabled(any);
        excluded.setEnabled(any);
    }

    /** Reads the stored inventory and the marks in a Job; fills the table on the UI thread. */
    private void load() {
        if (table == null || table.isDisposed()) {
            return;
        }
        Job previous = loading;
        if (previous != null) {
            previous.cancel();
        }
        Path workspace = state.workspace().directory();
        Job job = Job.create("Read the clients inventory", monitor -> {
            SubMonitor sm = SubMonitor.convert(monitor, "Read the clients inventory", 2);
            Loaded loaded;
            try {
                Optional<Snapshot> snap = StoredInventory.latest(workspace);
                sm.worked(1);
                int days;
                String problem = null;
                try {
                    days = Marks.staleDays(state);
                } catch (IllegalArgumentException e) {
                    days = Classifier.DEFAULT_STALE_DAYS;
                    problem = e.getMessage() + "; " + days + " days used";
                }
                Map<String, Mark> marks = Marks.read(state);
                Classifier classifier = new Classifier(days);
                LocalDate today = Instant.now().atZone(ZoneOffset.UTC).toLocalDate();
                List<Row> out = new ArrayList<>();
                if (snap.isPresent()) {
                    for (Computer c : snap.get().computers()) {
                        out.add(new Row(c, classifier.classify(c, today), Marks.of(marks, c.name()).orElse(null)));
                    }
                }
                loaded = new Loaded(snap.orElse(null), days, out, problem);
            } catch (java.io.IOException | RuntimeException e) {
                loaded = new Loaded(null, Classifier.DEFAULT_STALE_DAYS, List.of(), e.getMessage());
            }
            sm.worked(1);
            if (monitor.isCanceled()) {
                return Status.CANCEL_STATUS;
            }
            Loaded result = loaded;
            sync.asyncExec(() -> show(result));
            return Status.OK_STATUS;
        });
        job.setSystem(true);
        loading = job;
        job.schedule();
    }

    private void show(Loaded l) {
        if (table.isDisposed()) {
            return;
        }
        rows = l.rows();
        table.removeAll();
        int active = 0;
        int accounted = 0;
        for (Row r : rows) {
            Computer c = r.computer();
            Classification k = r.classification();
            if (k.active()) {
                active++;
                accounted += r.mark() == null ? 0 : 1;
            }
            TableItem item = new TableItem(table, SWT.NONE);
            item.setText(new String[] { c.name(), k.kind().shortLabel(),
                    c.os() + (c.servicePack().isEmpty() ? "" : " " + c.servicePack()), c.enabled() ? "yes" : "no",
                    c.lastLogon() == null ? "never" : c.lastLogon().toString(),
                    !c.dnsKnown() ? "?" : c.addresses().isEmpty() ? "none" : String.join(", ", c.addresses()),
                    r.mark() != null ? r.mark().state() + (r.mark().reason() == null ? "" : ": " + r.mark().reason())
                            : k.active() ? "not accounted for" : "not counted" });
            item.setData(r);
            if (k.active() && r.mark() == null) {
                item.setForeground(table.getDisplay().getSystemColor(SWT.COLOR_DARK_RED));
            } else if (!k.active()) {
                item.setForeground(table.getDisplay().getSystemColor(SWT.COLOR_DARK_GRAY));
            }
        }
        String text;
        if (l.snapshot() == null) {
            text = "No inventory yet: run the checks of step 3 (\"Run checks\" on the toolbar) to read the computer"
                    + " accounts.";
        } else {
            text = rows.size() + " computer accounts read " + (l.snapshot().readAt() == null ? "(time unknown)"
                    : java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")
                            .format(l.snapshot().readAt().atZone(ZoneOffset.UTC))) + "; " + active
                    + " active (enabled, logon within " + l.staleDays() + " days), " + accounted + " accounted for"
                    + (active == accounted ? "." : ", " + (active - accounted) + " left.");
        }
        if (l.problem() != null) {
            text += " " + l.problem();
        }
        summary.setText(text);
        summary.getParent().layout(true);
        enableButtons();
    }

    private void mark(boolean asConnected) {
        List<Row> selected = new ArrayList<>();
        for (TableItem i : table.getSelection()) {
            selected.add((Row) i.getData());
        }
        if (selected.isEmpty()) {
            return;
        }
        List<String> refused = new ArrayList<>();
        List<Row> ok = new ArrayList<>();
        for (Row r : selected) {
            Kind system = new Classifier(Classifier.DEFAULT_STALE_DAYS).systemKind(r.computer());
            if (system == Kind.DOMAIN_CONTROLLER) {
                refused.add(r.computer().name() + " is a domain controller, not a client");
            } else if (asConnected && system == Kind.LEGACY) {
                refused.add(r.computer().name() + " runs " + r.computer().os() + ", on which the Connector does not"
                        + " run; mark it excluded with a reason");
            } else {
                ok.add(r);
            }
        }
        String reason = null;
        if (!asConnected && !ok.isEmpty()) {
            IInputValidator rule = v -> v.strip().isEmpty() ? "Reason: say why the computer gets no Connector"
                    : v.strip().length() > Marks.MAX_REASON ? "Reason: at most " + Marks.MAX_REASON + " characters"
                            : v.chars().anyMatch(Character::isISOControl) ? "Reason: one line without control characters"
                                    : null;
            InputDialog d = new InputDialog(table.getShell(), "Exclude from step 3",
                    "Why do " + names(ok) + " get no Connector?", "", rule);
            if (d.open() != Window.OK) {
                return;
            }
            reason = d.getValue().strip();
        }
        if (!refused.isEmpty()) {
            org.eclipse.jface.dialogs.MessageDialog.openWarning(table.getShell(), "Not marked",
                    String.join("\n", refused));
        }
        if (ok.isEmpty()) {
            return;
        }
        String why = reason;
        TaskJobs.schedule("Mark " + names(ok) + (asConnected ? " connected" : " excluded"), () -> {
            Map<String, Mark> marks = Marks.read(state);
            for (Row r : ok) {
                Optional<Mark> before = Marks.of(marks, r.computer().name());
                if (before.isPresent() && before.get().connected() == asConnected
                        && java.util.Objects.equals(before.get().reason(), why)) {
                    continue; // the same mark again records nothing
                }
                Marks.record(state, r.computer().name(), asConnected, why);
            }
        }, table.getShell(), sync, null);
    }

    private static String names(List<Row> rows) {
        return String.join(", ", rows.stream().map(r -> r.computer().name()).toList());
    }

    @Focus
    public void focus() {
        if (table != null && !table.isDisposed()) {
            table.setFocus();
        }
    }

    /** For tests: the rows shown. */
    List<Row> rows() {
        return rows;
    }
}
