package org.migrationconsole.ui.step;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

import jakarta.annotation.PostConstruct;
import jakarta.inject.Inject;

import org.eclipse.e4.core.services.events.IEventBroker;
import org.eclipse.e4.ui.di.Focus;
import org.eclipse.e4.ui.di.UISynchronize;
import org.eclipse.e4.ui.di.UIEventTopic;
import org.eclipse.e4.ui.model.application.ui.basic.MPart;
import org.eclipse.e4.ui.workbench.UIEvents;
import org.eclipse.e4.ui.workbench.modeling.ESelectionService;
import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.layout.GridLayoutFactory;
import org.eclipse.jface.viewers.ArrayContentProvider;
import org.eclipse.jface.viewers.ColumnLabelProvider;
import org.eclipse.jface.viewers.IElementComparer;
import org.eclipse.jface.viewers.IStructuredSelection;
import org.eclipse.jface.viewers.StructuredSelection;
import org.eclipse.jface.viewers.TableViewer;
import org.eclipse.jface.viewers.TableViewerColumn;
import org.eclipse.swt.SWT;
import org.eclipse.swt.custom.SashForm;
import org.eclipse.swt.graphics.Font;
import org.eclipse.swt.graphics.FontData;
import org.eclipse.swt.graphics.Image;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Text;
import org.migrationconsole.actions.ActionService;
import org.migrationconsole.api.state.MigrationStateService;
import org.migrationconsole.api.state.StepStatus;
import org.migrationconsole.api.state.TaskStatus;
import org.migrationconsole.api.step.TaskDescriptor;
import org.migrationconsole.ui.internal.actions.TaskActionsPanel;
import org.osgi.service.event.Event;

/**
 * A step's checklist: its tasks with their states, and the selected task's details. The selected
 * task becomes the active selection that the task handlers work on.
 */
public class TaskChecklistPart {

    @Inject
    private MigrationStateService state;
    @Inject
    private ESelectionService selection;
    @Inject
    private IEventBroker broker;
    @Inject
    private UISynchronize sync;
    @Inject
    @org.eclipse.e4.core.di.annotations.Optional
    private ActionService actions;

    private String stepId;
    private Label title;
    private Label description;
    private Label progress;
    private TableViewer viewer;
    private Text details;
    private TaskActionsPanel taskActions;
    private Font bold;

    @PostConstruct
    public void create(Composite parent, MPart part) {
        stepId = StepParts.stepId(part).orElse("?");
        GridLayoutFactory.fillDefaults().margins(8, 8).spacing(4, 6).applyTo(parent);
        title = new Label(parent, SWT.NONE);
        FontData fd = title.getFont().getFontData()[0];
        bold = new Font(parent.getDisplay(), fd.getName(), fd.getHeight() + 2, SWT.BOLD);
        parent.addDisposeListener(e -> bold.dispose());
        title.setFont(bold);
        GridDataFactory.fillDefaults().grab(true, false).applyTo(title);
        description = new Label(parent, SWT.WRAP);
        GridDataFactory.fillDefaults().grab(true, false).hint(400, SWT.DEFAULT).applyTo(description);
        progress = new Label(parent, SWT.NONE);
        GridDataFactory.fillDefaults().grab(true, false).applyTo(progress);

        SashForm sash = new SashForm(parent, SWT.VERTICAL);
        GridDataFactory.fillDefaults().grab(true, true).applyTo(sash);
        viewer = new TableViewer(sash, SWT.BORDER | SWT.FULL_SELECTION | SWT.SINGLE);
        viewer.getTable().setHeaderVisible(true);
        viewer.getTable().setLinesVisible(true);
        viewer.getTable().setData(StepParts.WIDGET_ID, "checklist:" + stepId);
        viewer.setComparer(new IElementComparer() {
            @Override
            public boolean equals(Object a, Object b) {
                return a instanceof TaskStatus x && b instanceof TaskStatus y ? x.id().equals(y.id())
                        : Objects.equals(a, b);
            }

            @Override
            public int hashCode(Object o) {
                return o instanceof TaskStatus t ? t.id().hashCode() : Objects.hashCode(o);
            }
        });
        StatusImages images = StatusImages.of(parent.getDisplay());
        column(360, "Task", new ColumnLabelProvider() {
            @Override
            public String getText(Object e) {
                TaskDescriptor d = ((TaskStatus) e).descriptor();
                return d.title() + (d.optional() ? "  (optional)" : "") + (d.unverified() ? "  [unverified]" : "");
            }

            @Override
            public Image getImage(Object e) {
                return images.get(((TaskStatus) e).state());
            }
        });
        column(110, "State", text(t -> t.state().id().replace('-', ' ')));
        column(130, "Kind", text(t -> t.descriptor().kind().id().replace('-', ' ')));
        column(230, "Task id", text(TaskStatus::id));
        viewer.setContentProvider(ArrayContentProvider.getInstance());
        viewer.addSelectionChangedListener(e -> selected());

        Composite lower = new Composite(sash, SWT.NONE);
        // the task's details, and beside them the server changes of the task (when it has actions)
        GridLayoutFactory.fillDefaults().numColumns(2).spacing(6, 0).applyTo(lower);
        details = new Text(lower, SWT.BORDER | SWT.MULTI | SWT.WRAP | SWT.READ_ONLY | SWT.V_SCROLL);
        details.setData(StepParts.WIDGET_ID, "details:" + stepId);
        GridDataFactory.fillDefaults().grab(true, true).applyTo(details);
        taskActions = new TaskActionsPanel(lower, () -> actions, state, sync);
        sash.setWeights(58, 42);
        refresh();
    }

    private void column(int width, String header, ColumnLabelProvider provider) {
        TableViewerColumn c = new TableViewerColumn(viewer, SWT.NONE);
        c.getColumn().setText(header);
        c.getColumn().setWidth(width);
        c.setLabelProvider(provider);
    }

    private static ColumnLabelProvider text(java.util.function.Function<TaskStatus, String> f) {
        return new ColumnLabelProvider() {
            @Override
            public String getText(Object e) {
                return f.apply((TaskStatus) e);
            }
        };
    }

    private Optional<TaskStatus> current() {
        Object o = ((IStructuredSelection) viewer.getSelection()).getFirstElement();
        return o instanceof TaskStatus t ? Optional.of(t) : Optional.empty();
    }

    private void selected() {
        Optional<TaskStatus> t = current();
        selection.setSelection(t.orElse(null));
        details.setText(t.map(TaskChecklistPart::describe).orElse(""));
        taskActions.show(t.map(TaskStatus::id).orElse(null));
        broker.send(UIEvents.REQUEST_ENABLEMENT_UPDATE_TOPIC, UIEvents.ALL_ELEMENT_ID);
    }

    static String describe(TaskStatus t) {
        TaskDescriptor d = t.descriptor();
        StringBuilder sb = new StringBuilder();
        sb.append(d.title()).append("   [").append(d.id()).append("]\n\n");
        sb.append(d.description()).append("\n\n");
        sb.append("State: ").append(t.state().id());
        if (t.changedAt() != null) {
            sb.append(" (recorded ").append(t.recordedState().id()).append(" at ").append(t.changedAt())
                    .append(" by ").append(t.changedBy()).append(')');
        }
        sb.append('\n');
        if (t.lastNote() != null) {
            sb.append("Last note: ").append(t.lastNote()).append('\n');
        }
        for (String r : t.blockedReasons()) {
            sb.append("Blocked: ").append(r).append('\n');
        }
        sb.append("Kind: ").append(d.kind().id()).append(d.optional() ? ", optional" : ", required").append('\n');
        if (!d.prerequisites().isEmpty()) {
            sb.append("Comes after: ").append(String.join(", ", d.prerequisites())).append('\n');
        }
        d.startsClock().ifPresent(c -> sb.append("Completing it starts the ").append(c.id()).append(" clock.\n"));
        d.gatedBy().ifPresent(c -> sb.append("Blocked once the ").append(c.id()).append(" clock runs out.\n"));
        if (d.unverified()) {
            sb.append("Unverified: the source material could not confirm this task; check it before relying on it.\n");
        }
        if (!d.source().isEmpty()) {
            sb.append("Source: ").append(d.source()).append('\n');
        }
        return sb.toString();
    }

    @Inject
    @org.eclipse.e4.core.di.annotations.Optional
    void stateChanged(@UIEventTopic(org.migrationconsole.api.state.StateEvents.TOPIC_ALL) Event event) {
        refresh();
    }

    private void refresh() {
        if (viewer == null || viewer.getControl().isDisposed()) {
            return;
        }
        Optional<StepStatus> step = state.steps().stream().filter(s -> s.id().equals(stepId)).findFirst();
        if (step.isEmpty()) {
            title.setText("Step '" + stepId + "' is not installed");
            description.setText("The plug-in that provided this step is missing. Its recorded tasks stay in the"
                    + " journal.");
            viewer.setInput(List.of());
            return;
        }
        StepStatus s = step.get();
        title.setText(s.step().title());
        description.setText(s.step().description());
        progress.setText(s.done() + " of " + s.total() + " tasks done"
                + (state.workspace().readOnly() ? "   (read-only: " + state.workspace().readOnlyReason() + ")" : ""));
        Optional<TaskStatus> before = current();
        viewer.setInput(s.tasks());
        before.flatMap(b -> s.tasks().stream().filter(t -> t.id().equals(b.id())).findFirst()).ifPresent(t -> {
            viewer.setSelection(new StructuredSelection(t), true);
        });
        taskActions.refresh();
        title.getParent().layout(true, true);
    }

    @Focus
    public void focus() {
        viewer.getControl().setFocus();
        selected();
    }
}
