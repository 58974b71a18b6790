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

    private Composite body;
    private Font heading;

    @PostConstruct
    public void create(Composite parent) {
        parent.setLayout(new org.eclipse.swt.layout.FillLayout());
        body = new Composite(parent, SWT.NONE);
        FontData fd = body.getFont().getFontData()[0];
        heading = new Font(body.getDisplay(), fd.getName(), fd.getHeight() + 2, SWT.BOLD);
        body.addDisposeListener(e -> heading.dispose());
        GridLayoutFactory.fillDefaults().margins(12, 10).spacing(8, 6).applyTo(body);
        refresh();
    }

    private Label heading(String text) {
        Label l = new Label(body, SWT.NONE);
        l.setText(text);
        l.setFont(heading);
        GridDataFactory.fillDefaults().indent(0, 8).applyTo(l);
        return l;
    }

    private Composite row(int columns) {
        Composite c = new Composite(body, SWT.NONE);
        GridLayoutFactory.fillDefaults().numColumns(columns).spacing(8, 4).applyTo(c);
        GridDataFactory.fillDefaults().grab(true, false).applyTo(c);
        return c;
    }

    private Label line(String text, int colour) {
        Label l = new Label(body, SWT.WRAP);
        l.setText(text);
        if (colour != SWT.NONE) {
            l.setForeground(body.getDisplay().getSystemColor(colour));
        }
        GridDataFactory.fillDefaults().grab(true, false).hint(500, SWT.DEFAULT).applyTo(l);
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
        Composite progress = row(2);
        ProgressBar bar = new ProgressBar(progress, SWT.HORIZONTAL);
        bar.setMaximum(Math.max(total, 1));
        bar.setSelection(done);
        bar.setData(StepParts.WIDGET_ID, "overall-progress");
        GridDataFactory.fillDefaults().grab(true, false).hint(300, SWT.DEFAULT).applyTo(bar);
        Label pct = new Label(progress, SWT.NONE);
        pct.setText(done + " of " + total + " tasks done in " + steps.size() + " steps" + (blocked > 0 ? ", "
                + blocked + " waiting on earlier tasks" : ""));

        heading("Deadlines");
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
            GridDataFactory.fillDefaults().grab(true, false).hint(480, SWT.DEFAULT).applyTo(text);
        }

        heading("Next recommended task");
        java.util.Optional<TaskStatus> next = state.nextRecommended();
        if (next.isPresent()) {
            TaskStatus t = next.get();
            Link link = new Link(body, SWT.WRAP);
            link.setText(t.descriptor().title() + " (" + t.id() + ", " + t.state().id().replace('-', ' ')
                    + ")   <a>Open step</a>");
            link.setData(StepParts.WIDGET_ID, "next-task");
            link.addListener(SWT.Selection,
                    e -> StepParts.open(app, parts, t.descriptor().stepId(), StepParts.CHECKLIST_TAG));
            GridDataFactory.fillDefaults().grab(true, false).hint(500, SWT.DEFAULT).applyTo(link);
        } else {
            line(total == 0 ? "No step plug-in is installed." : "Nothing left to do: every task is done.", SWT.NONE);
        }

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
