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

    private final Group group;
    private final Supplier<ActionService> engine;
    private final MigrationStateService state;
    private final UISynchronize sync;
    private final Font bold;
    private String taskId;

    public TaskActionsPanel(Composite parent, Supplier<ActionService> engine, MigrationStateService state,
            UISynchronize sync) {
        this.engine = engine;
        this.state = state;
        this.sync = sync;
        group = new Group(parent, SWT.NONE);
        group.setText("Server changes");
        group.setData(StepParts.WIDGET_ID, "task-actions");
        GridLayoutFactory.fillDefaults().numColumns(4).margins(8, 6).spacing(6, 4).applyTo(group);
        GridDataFactory.fillDefaults().grab(true, false).exclude(true).applyTo(group);
        group.setVisible(false);
        FontData fd = group.getFont().getFontData()[0];
        bold = new Font(group.getDisplay(), fd.getName(), fd.getHeight(), SWT.BOLD);
        group.addDisposeListener(e -> bold.dispose());
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
        for (Control c : group.getChildren()) {
            c.dispose();
        }
        ActionService e = engine.get();
        List<MigrationAction> actions = e == null || taskId == null ? List.of() : ChangeStates.forTask(e.actions(),
                taskId);
        boolean visible = !actions.isEmpty();
        ((org.eclipse.swt.layout.GridData) group.getLayoutData()).exclude = !visible;
        group.setVisible(visible);
        if (visible) {
            List<ChangeRecord> changes = e.changes();
            boolean readOnly = state.workspace().readOnly();
            for (MigrationAction a : actions) {
                row(e, a, ChangeStates.latest(changes, a.id()), readOnly);
            }
        }
        group.getParent().layout(true, true);
    }

    private void row(ActionService e, MigrationAction a, Optional<ChangeRecord> latest, boolean readOnly) {
        Composite text = new Composite(group, SWT.NONE);
        GridLayoutFactory.fillDefaults().spacing(0, 2).applyTo(text);
        GridDataFactory.fillDefaults().grab(true, false).applyTo(text);
        Label title = new Label(text, SWT.NONE);
        title.setFont(bold);
        title.setText(a.title());
        title.setToolTipText(a.description().isEmpty() ? a.id() : a.description() + " [" + a.id() + "]");
        Label line = new Label(text, SWT.WRAP);
        line.setText(ChangeStates.actionLine(a, latest));
        line.setData(StepParts.WIDGET_ID, "action-state:" + a.id());
        if (latest.isPresent() && latest.get().state().needsAttention()) {
            line.setForeground(line.getDisplay().getSystemColor(SWT.COLOR_DARK_RED));
        }
        GridDataFactory.fillDefaults().grab(true, false).hint(300, SWT.DEFAULT).applyTo(line);
        button("Preview\u2026", "preview:" + a.id(), "Read the servers and show what this action would change"
                + " (writes nothing)", ChangeStates.canPreview(readOnly), () -> ActionFlows.preview(group.getShell(),
                        sync, e, state, a, false));
        button("Apply\u2026", "apply:" + a.id(), "Show the plan of the last preview (or read one) and apply it after"
                + " confirmation", ChangeStates.canApply(latest, readOnly), () -> ActionFlows.preview(group.getShell(),
                        sync, e, state, a, true));
        button("Undo\u2026", "undo:" + a.id(), latest.map(r -> "Undo change " + r.id() + " from its backup").orElse(
                "No change to undo"), latest.map(r -> ChangeStates.canUndo(r, readOnly)).orElse(false), () -> latest
                        .ifPresent(r -> ActionFlows.change(group.getShell(), sync, e, state, e.change(r.id()).orElse(
                                r), ActionDialog.Mode.UNDO)));
    }

    private void button(String label, String id, String tooltip, boolean enabled, Runnable run) {
        Button b = new Button(group, SWT.PUSH);
        b.setText(label);
        b.setToolTipText(tooltip);
        b.setEnabled(enabled);
        b.setData(StepParts.WIDGET_ID, id);
        b.addListener(SWT.Selection, ev -> run.run());
        GridDataFactory.swtDefaults().align(SWT.FILL, SWT.CENTER).applyTo(b);
    }
}
