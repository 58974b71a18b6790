package org.migrationconsole.ui.internal.actions;

import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

import org.eclipse.e4.ui.di.UISynchronize;
import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.layout.GridLayoutFactory;
import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.Font;
import org.eclipse.swt.graphics.FontData;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Group;
import org.eclipse.swt.widgets.Label;
import org.migrationconsole.actions.ActionService;
import org.migrationconsole.actions.ChangeRecord;
import org.migrationconsole.api.action.MigrationAction;
import org.migrationconsole.api.state.MigrationStateService;
import org.migrationconsole.ui.step.StepParts;

/**
 * The server changes of the selected task in a step's checklist: one row per action the
 * {@link ActionService} offers for the task, with Preview…, Apply… and Undo… enabled by the action's
 * last change ({@link ChangeStates}). Hidden for tasks without actions. Knows no step.
 */
public final class TaskActionsPanel {

    /** Width of the box beside the task's details. */
    static final int WIDTH = 440;

    private final Group group;
    private final Supplier<ActionService> engine;
    private final MigrationStateService state;
    private final UISynchronize sync;
    private final Font bold;
    private String taskId;
    private List<String> shown = List.of();
    private final List<Row> rows = new java.util.ArrayList<>();

    public TaskActionsPanel(Composite parent, Supplier<ActionService> engine, MigrationStateService state,
            UISynchronize sync) {
        this.engine = engine;
        this.state = state;
        this.sync = sync;
        group = new Group(parent, SWT.NONE);
        group.setText("Server changes");
        group.setData(StepParts.WIDGET_ID, "task-actions");
        GridLayoutFactory.fillDefaults().numColumns(4).margins(8, 6).spacing(6, 4).applyTo(group);
        GridDataFactory.fillDefaults().grab(false, true).hint(WIDTH + 16, SWT.DEFAULT).exclude(true).applyTo(group);
        group.setVisible(false);
        FontData fd = group.getFont().getFontData()[0];
        bold = new Font(group.getDisplay(), fd.getName(), fd.getHeight(), SWT.BOLD);
        Runnable stop = ActionJob.whenAnyEnds(() -> sync.asyncExec(this::refresh));
        group.addDisposeListener(e -> {
            bold.dispose();
            stop.run();
        });
    }

    /** Shows the actions of a task (null: none selected). */
    public void show(String taskId) {
        this.taskId = taskId;
        refresh();
    }

    public void refresh() {
        if (group.isDisposed()) {
            return;
        }
        ActionService e = engine.get();
        List<MigrationAction> actions = e == null || taskId == null ? List.of() : ChangeStates.forTask(e.actions(),
                taskId);
        List<String> ids = actions.stream().map(MigrationAction::id).toList();
        if (!ids.equals(shown)) {
            // the rows are rebuilt only when the task or its actions change: a journal event just updates them
            for (Control c : group.getChildren()) {
                c.dispose();
            }
            rows.clear();
            for (MigrationAction a : actions) {
                rows.add(new Row(a));
            }
            shown = ids;
        }
        boolean visible = !actions.isEmpty();
        ((org.eclipse.swt.layout.GridData) group.getLayoutData()).exclude = !visible;
        group.setVisible(visible);
        if (visible) {
            List<ChangeRecord> changes = e.changes();
            boolean readOnly = state.workspace().readOnly();
            java.util.Set<String> busy = ActionJob.busyActions();
            for (Row r : rows) {
                r.update(ChangeStates.latest(changes, r.action.id()), readOnly, busy.contains(r.action.id()));
            }
        }
        group.getParent().layout(true, true);
    }

    /** One action: its title, what its last change did, and its three buttons. */
    private final class Row {
        final MigrationAction action;
        final Label line;
        final Button preview;
        final Button apply;
        final Button undo;

        Row(MigrationAction a) {
            this.action = a;
            Label title = new Label(group, SWT.WRAP);
            title.setFont(bold);
            title.setText(a.title());
            title.setToolTipText(a.description().isEmpty() ? a.id() : a.description() + " [" + a.id() + "]");
            GridDataFactory.fillDefaults().grab(true, false).align(SWT.FILL, SWT.CENTER).hint(120, SWT.DEFAULT)
                    .applyTo(title);
            Composite buttons = group;
            preview = button(buttons, "Preview\u2026", "preview:" + a.id(), "Read the servers and show what this action would"
                    + " change (writes nothing)", () -> ActionFlows.preview(group.getShell(), sync, engine.get(), state,
                            a, false));
            apply = button(buttons, "Apply\u2026", "apply:" + a.id(), "Show the plan of the last preview (or read one) and"
                    + " apply it after confirmation", () -> ActionFlows.preview(group.getShell(), sync, engine.get(),
                            state, a, true));
            undo = button(buttons, "Undo\u2026", "undo:" + a.id(), "Undo the last change of this action from its backup",
                    () -> {
                        ActionService e = engine.get();
                        ChangeStates.latest(e.changes(), a.id()).ifPresent(r -> ActionFlows.change(group.getShell(),
                                sync, e, state, r, ActionDialog.Mode.UNDO));
                    });
            line = new Label(group, SWT.WRAP);
            line.setData(StepParts.WIDGET_ID, "action-state:" + a.id());
            GridDataFactory.fillDefaults().grab(true, false).span(4, 1).hint(WIDTH, SWT.DEFAULT).applyTo(line);
        }

        void update(Optional<ChangeRecord> latest, boolean readOnly, boolean running) {
            line.setText(ChangeStates.actionLine(action, latest, running));
            line.setToolTipText(latest.map(r -> "Change " + r.id()).orElse(null));
            line.setForeground(latest.isPresent() && latest.get().state().needsAttention() && !running ? line
                    .getDisplay().getSystemColor(SWT.COLOR_DARK_RED) : null);
            preview.setEnabled(ChangeStates.canPreview(readOnly));
            apply.setEnabled(!running && ChangeStates.canApply(latest, readOnly));
            undo.setEnabled(!running && latest.map(r -> ChangeStates.canUndo(r, readOnly)).orElse(false));
            undo.setToolTipText(latest.map(r -> "Undo change " + r.id() + " from its backup").orElse(
                    "No change to undo"));
        }
    }

    private Button button(Composite parent, String label, String id, String tooltip, Runnable run) {
        Button b = new Button(parent, SWT.PUSH);
        b.setText(label);
        b.setToolTipText(tooltip);
        b.setData(StepParts.WIDGET_ID, id);
        b.addListener(SWT.Selection, ev -> run.run());
        GridDataFactory.swtDefaults().align(SWT.FILL, SWT.CENTER).applyTo(b);
        return b;
    }
}
