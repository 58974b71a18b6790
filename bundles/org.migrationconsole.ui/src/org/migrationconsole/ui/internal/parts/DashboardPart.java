package org.migrationconsole.ui.internal.parts;

import java.util.List;

import jakarta.annotation.PostConstruct;
import jakarta.inject.Inject;

import org.eclipse.e4.core.di.annotations.Optional;
import org.eclipse.e4.ui.di.Focus;
import org.eclipse.e4.ui.di.UIEventTopic;
import org.eclipse.e4.ui.model.application.MApplication;
import org.eclipse.e4.ui.workbench.modeling.EPartService;
import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.layout.GridLayoutFactory;
import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.Font;
import org.eclipse.swt.graphics.FontData;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Link;
import org.eclipse.swt.widgets.ProgressBar;
import org.migrationconsole.api.state.ClockStatus;
import org.migrationconsole.api.state.MigrationStateService;
import org.migrationconsole.api.state.MissingPluginTask;
import org.migrationconsole.api.state.StateEvents;
import org.migrationconsole.api.state.StepStatus;
import org.migrationconsole.api.state.TaskState;
import org.migrationconsole.api.state.TaskStatus;
import org.migrationconsole.api.state.WorkspaceInfo;
import org.migrationconsole.ui.step.StatusImages;
import org.migrationconsole.ui.step.StepParts;
import org.osgi.service.event.Event;

/** Overall progress, the deadline clocks, the next task and the workspace's health. */
public class DashboardPart {

    @Inject
    private MigrationStateService state;
    @Inject
    private MApplication app;
    @Inject
    private EPartService parts;
    @Inject
    @Optional
    private org.migrationconsole.api.check.CheckService checks;

    private org.eclipse.swt.custom.ScrolledComposite scroll;
    private Composite body;
    /** The column the next heading, row or line goes into (left: progress; right: findings, deadlines). */
    private Composite col;
    private Composite left;
    private Composite right;
    private Font heading;

    @PostConstruct
    public void create(Composite parent) {
        parent.setLayout(new org.eclipse.swt.layout.FillLayout());
        scroll = new org.eclipse.swt.custom.ScrolledComposite(parent, SWT.V_SCROLL);
        scroll.setExpandHorizontal(true);
        scroll.setExpandVertical(true);
        body = new Composite(scroll, SWT.NONE);
        scroll.setContent(body);
        scroll.addListener(SWT.Resize, e -> fit());
        FontData fd = body.getFont().getFontData()[0];
        heading = new Font(body.getDisplay(), fd.getName(), fd.getHeight() + 2, SWT.BOLD);
        body.addDisposeListener(e -> heading.dispose());
        // two columns, so that progress, findings and deadlines all show at 1280x800
        GridLayoutFactory.fillDefaults().numColumns(2).margins(12, 10).spacing(28, 6).applyTo(body);
        refresh();
    }

    private Label heading(String text) {
        Label l = new Label(col, SWT.NONE);
        l.setText(text);
        l.setFont(heading);
        GridDataFactory.fillDefaults().indent(0, 8).applyTo(l);
        return l;
    }

    private Composite row(int columns) {
        Composite c = new Composite(col, SWT.NONE);
        GridLayoutFactory.fillDefaults().numColumns(columns).spacing(8, 4).applyTo(c);
        GridDataFactory.fillDefaults().grab(true, false).applyTo(c);
        return c;
    }

    private static BarChart.Bar bar(String label, long value, org.eclipse.swt.graphics.RGB colour) {
        return new BarChart.Bar(label, List.of(new BarChart.Segment(value, colour)), String.valueOf(value));
    }

    private void legend(String[] names, org.eclipse.swt.graphics.RGB[] colours) {
        Composite c = row(names.length * 2);
        for (int i = 0; i < names.length; i++) {
            org.eclipse.swt.graphics.RGB rgb = colours[i];
            org.eclipse.swt.widgets.Canvas swatch = new org.eclipse.swt.widgets.Canvas(c, SWT.NONE);
            swatch.addPaintListener(e -> {
                org.eclipse.swt.graphics.Color col = new org.eclipse.swt.graphics.Color(e.display, rgb);
                e.gc.setBackground(col);
                e.gc.fillRectangle(0, 2, 10, 10);
                col.dispose();
            });
            GridDataFactory.fillDefaults().hint(10, 14).applyTo(swatch);
            Label l = new Label(c, SWT.NONE);
            l.setText(names[i]);
            l.setForeground(body.getDisplay().getSystemColor(SWT.COLOR_WIDGET_DARK_SHADOW));
        }
    }

    private Label line(String text, int colour) {
        Label l = new Label(col, SWT.WRAP);
        l.setText(text);
        if (colour != SWT.NONE) {
            l.setForeground(body.getDisplay().getSystemColor(colour));
        }
        GridDataFactory.fillDefaults().grab(true, false).hint(300, SWT.DEFAULT).applyTo(l);
        return l;
    }

    private void refresh() {
        if (body == null || body.isDisposed()) {
            return;
        }
        for (Control c : body.getChildren()) {
            c.dispose();
        }
        StatusImages images = StatusImages.of(body.getDisplay());
        left = column(420);
        right = column(300);
        col = left;
        WorkspaceInfo ws = state.workspace();
        List<StepStatus> steps = state.steps();
        int total = 0;
        int done = 0;
        int blocked = 0;
        for (StepStatus s : steps) {
            total += s.total();
            done += s.done();
            blocked += (int) s.tasks().stream().filter(t -> t.state() == TaskState.BLOCKED).count();
        }
        heading("Migration progress");
        Composite progress = row(1);
        ProgressBar bar = new ProgressBar(progress, SWT.HORIZONTAL);
        bar.setMaximum(Math.max(total, 1));
        bar.setSelection(done);
        bar.setData(StepParts.WIDGET_ID, "overall-progress");
        GridDataFactory.fillDefaults().grab(true, false).hint(300, SWT.DEFAULT).applyTo(bar);
        Label pct = new Label(progress, SWT.NONE);
        pct.setText(done + " of " + total + " tasks done in " + steps.size() + " steps" + (blocked > 0 ? ", "
                + blocked + " waiting on earlier tasks" : ""));
        BarChart byStep = new BarChart(col, "dashboard-steps");
        List<BarChart.Bar> stepBars = new java.util.ArrayList<>();
        int maxTasks = 1;
        int n = 1;
        for (StepStatus s : steps) {
            maxTasks = Math.max(maxTasks, s.total());
            long stepBlocked = s.tasks().stream().filter(t -> t.state() == TaskState.BLOCKED).count();
            stepBars.add(new BarChart.Bar(n++ + ". " + s.step().title(), List.of(
                    new BarChart.Segment(s.done(), BarChart.GOOD),
                    new BarChart.Segment(s.total() - s.done() - stepBlocked, BarChart.INFO),
                    new BarChart.Segment(stepBlocked, BarChart.MUTED)), s.done() + " of " + s.total() + " done"));
        }
        byStep.set(stepBars, maxTasks, 250);
        GridDataFactory.fillDefaults().grab(true, false).applyTo(byStep);
        legend(new String[] { "done", "open", "waiting on earlier tasks" },
                new org.eclipse.swt.graphics.RGB[] { BarChart.GOOD, BarChart.INFO, BarChart.MUTED });

        heading("Next recommended task");
        java.util.Optional<TaskStatus> next = state.nextRecommended();
        if (next.isPresent()) {
            TaskStatus t = next.get();
            Link link = new Link(col, SWT.WRAP);
            link.setText(t.descriptor().title() + " (" + t.id() + ", " + t.state().id().replace('-', ' ')
                    + ")   <a>Open step</a>");
            link.setData(StepParts.WIDGET_ID, "next-task");
            link.addListener(SWT.Selection,
                    e -> StepParts.open(app, parts, t.descriptor().stepId(), StepParts.CHECKLIST_TAG));
            GridDataFactory.fillDefaults().grab(true, false).hint(300, SWT.DEFAULT).applyTo(link);
        } else {
            line(total == 0 ? "No step plug-in is installed." : "Nothing left to do: every task is done.", SWT.NONE);
        }

        col = right;
        heading("Pre-flight findings");
        java.util.Optional<org.migrationconsole.api.check.CheckRun> run = checks == null ? java.util.Optional.empty()
                : checks.lastRun();
        if (run.isPresent()) {
            BarChart findings = new BarChart(col, "dashboard-findings");
            List<org.migrationconsole.api.check.CheckOutcome> o = run.get().outcomes();
            java.util.function.Predicate<org.migrationconsole.api.check.CheckOutcome> open = x -> x.result()
                    .status() == org.migrationconsole.api.check.CheckStatus.FAIL
                    || x.result().status() == org.migrationconsole.api.check.CheckStatus.ERROR;
            long err = o.stream().filter(x -> open.test(x) && x.severity() == org.migrationconsole.api.check.Severity.ERROR).count();
            long warn = o.stream().filter(x -> open.test(x) && x.severity() == org.migrationconsole.api.check.Severity.WARNING).count();
            long info = o.stream().filter(x -> open.test(x) && x.severity() == org.migrationconsole.api.check.Severity.INFO).count();
            long pass = o.stream().filter(x -> x.result().status() == org.migrationconsole.api.check.CheckStatus.PASS).count();
            long skip = o.stream().filter(x -> x.result().status() == org.migrationconsole.api.check.CheckStatus.SKIPPED).count();
            findings.set(List.of(bar("Errors", err, BarChart.BAD), bar("Warnings", warn, BarChart.WARNING),
                    bar("Info", info, BarChart.INFO), bar("Passed", pass, BarChart.GOOD),
                    bar("Skipped", skip, BarChart.MUTED)), Math.max(1, o.size()), 280);
            GridDataFactory.fillDefaults().grab(true, false).applyTo(findings);
            line(o.size() + " checks on " + java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")
                    .withZone(java.time.ZoneOffset.UTC).format(run.get().startedAt()) + ". Open the Findings view for evidence and remedies.", SWT.NONE);
        } else {
            line(checks == null ? "The check service is not installed." : "No checks have run yet: run them from step 1.",
                    SWT.NONE).setData(StepParts.WIDGET_ID, "dashboard-findings-none");
        }

        heading("Deadlines");
        BarChart clockChart = new BarChart(col, "dashboard-clocks").labelsAbove();
        List<BarChart.Bar> clockBars = new java.util.ArrayList<>();
        double longest = 1;
        for (ClockStatus c : state.clocks()) {
            longest = Math.max(longest, c.clock().limit().toHours() / 24.0);
        }
        for (ClockStatus c : state.clocks()) {
            double limit = c.clock().limit().toHours() / 24.0;
            String label = switch (c.clock()) {
                case PREPARATION_TOOL -> "Preparation tool → new server";
                case DESTINATION_INSTALLED -> "Both servers side by side";
                case SOURCE_REMOVED -> "Hold before reformatting";
            } + " (" + c.clock().limit().toDays() + " days)";
            org.eclipse.swt.graphics.RGB colour = switch (c.level()) {
                case CRITICAL, EXPIRED -> BarChart.BAD;
                case WARNING -> BarChart.WARNING;
                case DONE -> BarChart.GOOD;
                default -> BarChart.INFO;
            };
            double left = c.remaining() == null ? limit : Math.max(0, c.remaining().toMinutes() / 1440.0);
            String right = switch (c.level()) {
                case NOT_STARTED -> "not started";
                case DONE -> "done";
                case EXPIRED -> "ran out";
                default -> String.format(java.util.Locale.ROOT, "%.1f days left", left);
            };
            List<BarChart.Segment> seg = c.level() == ClockStatus.Level.NOT_STARTED
                    ? List.of(new BarChart.Segment(limit, BarChart.MUTED))
                    : c.level() == ClockStatus.Level.DONE || c.level() == ClockStatus.Level.EXPIRED
                            ? List.of(new BarChart.Segment(limit, colour))
                            : List.of(new BarChart.Segment(left, colour));
            clockBars.add(new BarChart.Bar(label, seg, right));
        }
        clockChart.set(clockBars, longest, 280);
        GridDataFactory.fillDefaults().grab(true, false).applyTo(clockChart);
        Composite clocks = row(2);
        for (ClockStatus c : state.clocks()) {
            Label icon = new Label(clocks, SWT.NONE);
            icon.setImage(images.get(c.level()));
            GridDataFactory.fillDefaults().align(SWT.BEGINNING, SWT.BEGINNING).applyTo(icon);
            Label text = new Label(clocks, SWT.WRAP);
            text.setText(c.message());
            text.setData(StepParts.WIDGET_ID, "clock:" + c.clock().id());
            if (c.level() == ClockStatus.Level.CRITICAL || c.level() == ClockStatus.Level.EXPIRED) {
                text.setForeground(body.getDisplay().getSystemColor(SWT.COLOR_RED));
            } else if (c.level() == ClockStatus.Level.WARNING) {
                text.setForeground(body.getDisplay().getSystemColor(SWT.COLOR_DARK_YELLOW));
            }
            GridDataFactory.fillDefaults().grab(true, false).hint(300, SWT.DEFAULT).applyTo(text);
        }

        col = left;
        List<MissingPluginTask> missing = state.missingPluginTasks();
        if (!missing.isEmpty()) {
            heading("Provided by a missing plug-in");
            line(missing.size() + " task(s) recorded in this workspace belong to a step whose plug-in is not"
                    + " installed. Their records are kept; install the plug-in again to work on them.",
                    SWT.COLOR_DARK_YELLOW).setData(StepParts.WIDGET_ID, "missing-plugin-tasks");
            for (MissingPluginTask m : missing) {
                line("  " + m.taskId() + ": " + m.lastState().id().replace('-', ' '), SWT.NONE);
            }
        }

        heading("Workspace");
        line(ws.directory().toString(), SWT.NONE);
        if (ws.readOnly()) {
            line("Read-only: " + ws.readOnlyReason(), SWT.COLOR_RED).setData(StepParts.WIDGET_ID, "read-only");
        }
        for (String w : ws.warnings()) {
            line("Warning: " + w, SWT.COLOR_DARK_YELLOW);
        }
        body.layout(true, true);
        fit();
    }

    /** A column of the dashboard; both share the extra width, the wider hint keeps the step chart readable. */
    private Composite column(int widthHint) {
        Composite c = new Composite(body, SWT.NONE);
        GridLayoutFactory.fillDefaults().spacing(8, 6).applyTo(c);
        GridDataFactory.fillDefaults().grab(true, false).align(SWT.FILL, SWT.BEGINNING).hint(widthHint, SWT.DEFAULT)
                .applyTo(c);
        return c;
    }

    private void fit() {
        int w = scroll.getClientArea().width;
        scroll.setMinSize(body.computeSize(w > 0 ? w : SWT.DEFAULT, SWT.DEFAULT));
    }

    @Inject
    @Optional
    void stateChanged(@UIEventTopic(StateEvents.TOPIC_ALL) Event event) {
        refresh();
    }

    @Focus
    public void focus() {
        body.setFocus();
    }
}
