package org.migrationconsole.ui.internal.parts;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

import jakarta.annotation.PostConstruct;
import jakarta.inject.Inject;

import org.eclipse.e4.ui.di.Focus;
import org.eclipse.e4.ui.di.UIEventTopic;
import org.eclipse.e4.ui.di.UISynchronize;
import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.layout.GridLayoutFactory;
import org.eclipse.jface.viewers.ArrayContentProvider;
import org.eclipse.jface.viewers.ColumnLabelProvider;
import org.eclipse.jface.viewers.IStructuredSelection;
import org.eclipse.jface.viewers.TableViewer;
import org.eclipse.jface.viewers.TableViewerColumn;
import org.eclipse.jface.viewers.Viewer;
import org.eclipse.jface.viewers.ViewerComparator;
import org.eclipse.swt.SWT;
import org.eclipse.swt.custom.SashForm;
import org.eclipse.swt.graphics.Image;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Combo;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.ProgressBar;
import org.eclipse.swt.widgets.Text;
import org.migrationconsole.api.check.CheckOutcome;
import org.migrationconsole.api.check.CheckRun;
import org.migrationconsole.api.check.CheckService;
import org.migrationconsole.api.check.CheckStatus;
import org.migrationconsole.api.state.MigrationStateService;
import org.migrationconsole.api.state.StateEvents;
import org.migrationconsole.api.state.StepStatus;
import org.migrationconsole.api.state.TaskState;
import org.migrationconsole.ui.step.CheckRunJob;
import org.migrationconsole.ui.step.StatusImages;
import org.migrationconsole.ui.step.StepParts;
import org.osgi.service.event.Event;

/**
 * The latest check results, failures first (error, warning, info; passed and skipped last), with
 * a count per severity above them, sortable by severity, status or id, filtered by step, and the
 * evidence and remedy of the selected finding beside them. Shows a running check job with progress and a
 * Cancel button.
 */
public class FindingsPart {

    @Inject
    private MigrationStateService state;
    @Inject
    @org.eclipse.e4.core.di.annotations.Optional
    private CheckService checks;
    @Inject
    private UISynchronize sync;

    private Combo stepFilter;
    private Label status;
    private ProgressBar progress;
    private Button cancel;
    private TableViewer viewer;
    private Text details;
    private final List<String> stepIds = new ArrayList<>();
    private CheckRunJob job;
    private int sortColumn;
    private boolean ascending = true;

    private final java.util.Map<String, Label> counts = new java.util.LinkedHashMap<>();

    @PostConstruct
    public void create(Composite parent) {
        GridLayoutFactory.fillDefaults().numColumns(5).margins(4, 4).applyTo(parent);
        Composite header = new Composite(parent, SWT.NONE);
        header.setData(StepParts.WIDGET_ID, "findings-counts");
        GridLayoutFactory.fillDefaults().numColumns(5).spacing(18, 0).margins(2, 4).applyTo(header);
        GridDataFactory.fillDefaults().span(5, 1).grab(true, false).applyTo(header);
        for (String[] k : new String[][] { { "error", "error" }, { "warning", "warning" }, { "info", "info" },
                { "pass", "passed" }, { "skipped", "skipped" } }) {
            Label l = new Label(header, SWT.NONE);
            l.setData(StepParts.WIDGET_ID, "findings-count:" + k[0]);
            l.setData("noun", k[1]);
            l.setFont(bold(l));
            l.setForeground(parent.getDisplay().getSystemColor(switch (k[0]) {
                case "error" -> SWT.COLOR_RED;
                case "warning" -> SWT.COLOR_DARK_YELLOW;
                case "info" -> SWT.COLOR_DARK_BLUE;
                case "pass" -> SWT.COLOR_DARK_GREEN;
                default -> SWT.COLOR_DARK_GRAY;
            }));
            counts.put(k[0], l);
        }
        new Label(parent, SWT.NONE).setText("Step:");
        stepFilter = new Combo(parent, SWT.READ_ONLY);
        stepFilter.setData(StepParts.WIDGET_ID, "findings-step");
        stepFilter.addListener(SWT.Selection, e -> viewer.refresh());
        status = new Label(parent, SWT.NONE);
        status.setData(StepParts.WIDGET_ID, "findings-status");
        GridDataFactory.fillDefaults().grab(true, false).applyTo(status);
        progress = new ProgressBar(parent, SWT.HORIZONTAL);
        GridDataFactory.fillDefaults().hint(160, SWT.DEFAULT).applyTo(progress);
        cancel = new Button(parent, SWT.PUSH);
        cancel.setText("Cancel");
        cancel.addListener(SWT.Selection, e -> {
            if (job != null) {
                job.cancel();
            }
        });

        SashForm sash = new SashForm(parent, SWT.HORIZONTAL);
        GridDataFactory.fillDefaults().span(5, 1).grab(true, true).applyTo(sash);
        viewer = new TableViewer(sash, SWT.BORDER | SWT.FULL_SELECTION | SWT.SINGLE);
        viewer.getTable().setHeaderVisible(true);
        viewer.getTable().setLinesVisible(true);
        viewer.getTable().setData(StepParts.WIDGET_ID, "findings");
        StatusImages images = StatusImages.of(parent.getDisplay());
        column("Severity", 80, 0, o -> o.severity().id(), null);
        column("Status", 80, 1, o -> o.result().status().id(), o -> images.get(icon(o.result().status())));
        column("Check", 210, 2, CheckOutcome::checkId, null);
        column("Step", 70, 3, CheckOutcome::stepId, null);
        column("Finding", 300, 4, o -> o.result().message(), null);
        viewer.getTable().setSortColumn(viewer.getTable().getColumn(0));
        viewer.getTable().setSortDirection(SWT.UP);
        viewer.setContentProvider(ArrayContentProvider.getInstance());
        viewer.setComparator(new ViewerComparator() {
            @Override
            public int compare(Viewer v, Object a, Object b) {
                int c = comparator().compare((CheckOutcome) a, (CheckOutcome) b);
                return ascending ? c : -c;
            }
        });
        viewer.addFilter(new org.eclipse.jface.viewers.ViewerFilter() {
            @Override
            public boolean select(Viewer v, Object parentElement, Object element) {
                int i = stepFilter.getSelectionIndex();
                return i <= 0 || stepIds.get(i - 1).equals(((CheckOutcome) element).stepId());
            }
        });
        viewer.addSelectionChangedListener(e -> {
            Object o = ((IStructuredSelection) e.getSelection()).getFirstElement();
            details.setText(o instanceof CheckOutcome x ? describe(x) : "");
        });
        details = new Text(sash, SWT.BORDER | SWT.MULTI | SWT.WRAP | SWT.READ_ONLY | SWT.V_SCROLL);
        details.setData(StepParts.WIDGET_ID, "findings-details");
        sash.setWeights(52, 48);
        refresh();
    }

    private Comparator<CheckOutcome> comparator() {
        return switch (sortColumn) {
            case 0 -> Comparator.comparingInt(FindingsPart::rank).thenComparing(CheckOutcome::checkId);
            case 1 -> Comparator.comparing((CheckOutcome o) -> order(o.result().status()))
                    .thenComparing(o -> o.severity().ordinal()).thenComparing(CheckOutcome::checkId);
            case 3 -> Comparator.comparing(CheckOutcome::stepId).thenComparing(CheckOutcome::checkId);
            case 4 -> Comparator.comparing((CheckOutcome o) -> o.result().message());
            default -> Comparator.comparing(CheckOutcome::checkId);
        };
    }

    /**
     * Failures first: error, warning, info findings that failed (or could not decide), then
     * passed, then skipped checks.
     */
    static int rank(CheckOutcome o) {
        return switch (o.result().status()) {
            case PASS -> 3;
            case SKIPPED -> 4;
            case FAIL, ERROR -> switch (o.severity()) {
                case ERROR -> 0;
                case WARNING -> 1;
                case INFO -> 2;
            };
        };
    }

    private static int order(CheckStatus s) {
        return switch (s) {
            case ERROR -> 0;
            case FAIL -> 1;
            case SKIPPED -> 2;
            case PASS -> 3;
        };
    }

    private static TaskState icon(CheckStatus s) {
        return switch (s) {
            case PASS -> TaskState.COMPLETED;
            case FAIL -> TaskState.FAILED;
            case ERROR -> TaskState.BLOCKED;
            case SKIPPED -> TaskState.SKIPPED;
        };
    }

    private void column(String header, int width, int index, java.util.function.Function<CheckOutcome, String> text,
            java.util.function.Function<CheckOutcome, Image> image) {
        TableViewerColumn c = new TableViewerColumn(viewer, SWT.NONE);
        c.getColumn().setText(header);
        c.getColumn().setWidth(width);
        c.getColumn().addListener(SWT.Selection, e -> {
            ascending = sortColumn != index || !ascending;
            sortColumn = index;
            viewer.getTable().setSortColumn(c.getColumn());
            viewer.getTable().setSortDirection(ascending ? SWT.UP : SWT.DOWN);
            viewer.refresh();
        });
        c.setLabelProvider(new ColumnLabelProvider() {
            @Override
            public String getText(Object e) {
                return text.apply((CheckOutcome) e);
            }

            @Override
            public Image getImage(Object e) {
                return image == null ? null : image.apply((CheckOutcome) e);
            }
        });
    }

    static String describe(CheckOutcome o) {
        StringBuilder sb = new StringBuilder();
        sb.append(o.title()).append("\n[").append(o.checkId()).append("] ").append(o.severity().id()).append(", ")
                .append(o.result().status().id()).append(", ").append(o.millis()).append(" ms\n\n");
        sb.append(o.result().message()).append("\n");
        if (!o.result().evidence().isEmpty()) {
            sb.append("\nEvidence:\n");
            o.result().evidence().forEach(e -> sb.append("  ").append(e).append('\n'));
        }
        if (!o.result().remedy().isEmpty()) {
            sb.append("\nRemedy:\n  ").append(o.result().remedy()).append('\n');
        }
        if (o.taskId() != null) {
            sb.append("\nGates task ").append(o.taskId()).append(o.blocks() ? " (blocking it now)" : "").append('\n');
        }
        return sb.toString();
    }

    /** Follows a check run started by the Run checks command. */
    @Inject
    @org.eclipse.e4.core.di.annotations.Optional
    void follow(CheckRunJob running) {
        this.job = running;
        if (running != null) {
            running.onChange(j -> sync.asyncExec(this::showProgress));
            sync.asyncExec(this::showProgress);
        }
    }

    private void showProgress() {
        if (status == null || status.isDisposed() || job == null) {
            return;
        }
        boolean active = !job.finished();
        progress.setVisible(active);
        cancel.setVisible(active);
        progress.setMaximum(Math.max(1, job.total()));
        progress.setSelection(job.done());
        if (active) {
            status.setText("Running checks: " + job.done() + " of " + job.total() + " done" + (job.lastCheck()
                    .isEmpty() ? "" : " (last: " + job.lastCheck() + ")"));
        } else {
            refresh();
            if (job.problem() != null) {
                status.setText("Could not check: " + job.problem());
                status.setForeground(status.getDisplay().getSystemColor(SWT.COLOR_RED));
            }
        }
        status.setToolTipText(status.getText());
        status.getParent().layout(true);
    }

    @Inject
    @org.eclipse.e4.core.di.annotations.Optional
    void stateChanged(@UIEventTopic(StateEvents.TOPIC_ALL) Event event) {
        if (job == null || job.finished()) {
            refresh();
        }
    }

    private void refresh() {
        if (viewer == null || viewer.getControl().isDisposed()) {
            return;
        }
        int selected = stepFilter.getSelectionIndex();
        stepIds.clear();
        List<String> labels = new ArrayList<>(List.of("All steps"));
        int n = 1;
        for (StepStatus s : state.steps()) {
            stepIds.add(s.id());
            labels.add(n++ + ". " + s.step().title());
        }
        stepFilter.setItems(labels.toArray(String[]::new));
        stepFilter.select(Math.max(0, Math.min(selected, labels.size() - 1)));
        Optional<CheckRun> run = checks == null ? Optional.empty() : checks.lastRun();
        List<CheckOutcome> outcomes = run.map(CheckRun::outcomes).orElse(List.of());
        viewer.setInput(outcomes);
        long[] perRank = new long[5];
        outcomes.forEach(o -> perRank[rank(o)]++);
        int k = 0;
        for (Label l : counts.values()) {
            String noun = (String) l.getData("noun");
            long v = perRank[k++];
            l.setText(v + " " + noun + (v != 1 && (noun.equals("error") || noun.equals("warning")) ? "s" : ""));
        }
        counts.values().iterator().next().getParent().layout(true);
        status.setForeground(null);
        status.setText(run.map(r -> r.outcomes().size() + " checks on " + r.startedAt().toString().replace('T', ' ')
                .replaceAll("\\.\\d+Z$", " UTC") + " against '" + r.profileName() + "': " + r.errors().size()
                + " blocking" + (r.canceled() ? " (cancelled)" : ""))
                .orElse(checks == null ? "The check service is not installed." : "No checks have run yet."));
        progress.setVisible(false);
        cancel.setVisible(false);
        status.setToolTipText(status.getText());
        status.getParent().layout(true);
    }

    private static org.eclipse.swt.graphics.Font bold(Label l) {
        org.eclipse.swt.graphics.FontData fd = l.getFont().getFontData()[0];
        org.eclipse.swt.graphics.Font f = new org.eclipse.swt.graphics.Font(l.getDisplay(), fd.getName(), fd.getHeight(),
                SWT.BOLD);
        l.addDisposeListener(e -> f.dispose());
        return f;
    }

    @Focus
    public void focus() {
        viewer.getControl().setFocus();
    }
}
