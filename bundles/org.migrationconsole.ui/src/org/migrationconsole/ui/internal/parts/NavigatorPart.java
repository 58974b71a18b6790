package org.migrationconsole.ui.internal.parts;

import jakarta.annotation.PostConstruct;
import jakarta.inject.Inject;

import org.eclipse.e4.core.di.annotations.Optional;
import org.eclipse.e4.ui.di.Focus;
import org.eclipse.e4.ui.di.UIEventTopic;
import org.eclipse.e4.ui.model.application.MApplication;
import org.eclipse.e4.ui.workbench.modeling.EPartService;
import org.eclipse.jface.dialogs.MessageDialog;
import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.layout.GridLayoutFactory;
import org.eclipse.jface.viewers.ArrayContentProvider;
import org.eclipse.jface.viewers.ColumnLabelProvider;
import org.eclipse.jface.viewers.IStructuredSelection;
import org.eclipse.jface.viewers.TableViewer;
import org.eclipse.jface.viewers.TableViewerColumn;
import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.Image;
import org.eclipse.swt.widgets.Composite;
import org.migrationconsole.api.state.MigrationStateService;
import org.migrationconsole.api.state.StateEvents;
import org.migrationconsole.api.state.StepStatus;
import org.migrationconsole.api.state.TaskState;
import org.migrationconsole.api.state.TaskStatus;
import org.migrationconsole.ui.step.StatusImages;
import org.migrationconsole.ui.step.StepParts;
import org.osgi.service.event.Event;

/**
 * The steps in order with their progress. Selecting a step opens its checklist. The list comes
 * from the registered step services, so installing or removing a step plug-in changes it.
 */
public class NavigatorPart {

    @Inject
    private MigrationStateService state;
    @Inject
    private MApplication app;
    @Inject
    private EPartService parts;

    private TableViewer viewer;
    private org.eclipse.swt.widgets.Label missing;

    @PostConstruct
    public void create(Composite parent) {
        GridLayoutFactory.fillDefaults().applyTo(parent);
        viewer = new TableViewer(parent, SWT.FULL_SELECTION | SWT.SINGLE);
        GridDataFactory.fillDefaults().grab(true, true).applyTo(viewer.getControl());
        viewer.getTable().setData(StepParts.WIDGET_ID, "navigator");
        viewer.getTable().setHeaderVisible(true);
        StatusImages images = StatusImages.of(parent.getDisplay());
        TableViewerColumn step = new TableViewerColumn(viewer, SWT.NONE);
        step.getColumn().setText("Step");
        step.getColumn().setWidth(260);
        step.setLabelProvider(new ColumnLabelProvider() {
            @Override
            public String getText(Object e) {
                StepStatus s = (StepStatus) e;
                return (position(s) + 1) + ". " + s.step().title();
            }

            @Override
            public Image getImage(Object e) {
                return images.get(summary((StepStatus) e));
            }

            @Override
            public String getToolTipText(Object e) {
                return ((StepStatus) e).step().description();
            }
        });
        TableViewerColumn done = new TableViewerColumn(viewer, SWT.RIGHT);
        done.getColumn().setText("Done");
        done.getColumn().setWidth(52);
        done.setLabelProvider(new ColumnLabelProvider() {
            @Override
            public String getText(Object e) {
                StepStatus s = (StepStatus) e;
                return s.done() + "/" + s.total();
            }
        });
        viewer.setContentProvider(ArrayContentProvider.getInstance());
        // a click or Enter opens the step; the selection GTK makes when the list first gets the
        // focus does not, so the console starts on the dashboard
        viewer.getTable().addListener(SWT.MouseUp, e -> {
            if (e.button == 1 && viewer.getTable().getItem(new org.eclipse.swt.graphics.Point(e.x, e.y)) != null) {
                openSelected();
            }
        });
        viewer.getTable().addListener(SWT.DefaultSelection, e -> openSelected());
        missing = new org.eclipse.swt.widgets.Label(parent, SWT.WRAP);
        missing.setData(StepParts.WIDGET_ID, "navigator-missing-plugins");
        missing.setForeground(parent.getDisplay().getSystemColor(SWT.COLOR_DARK_YELLOW));
        GridDataFactory.fillDefaults().grab(true, false).hint(200, SWT.DEFAULT).applyTo(missing);
        refresh();
    }

    private int position(StepStatus s) {
        Object input = viewer.getInput();
        return input instanceof java.util.List<?> l ? l.indexOf(s) : 0;
    }

    /** One state for a whole step: failed, blocked, in progress, done or not started. */
    static TaskState summary(StepStatus s) {
        if (s.total() > 0 && s.done() == s.total()) {
            return TaskState.COMPLETED;
        }
        boolean any = false;
        boolean allBlocked = true;
        for (TaskStatus t : s.tasks()) {
            if (t.state() == TaskState.FAILED) {
                return TaskState.FAILED;
            }
            any |= t.state() == TaskState.IN_PROGRESS || t.state().isDone();
            allBlocked &= t.state() == TaskState.BLOCKED || t.state().isDone();
        }
        if (any) {
            return TaskState.IN_PROGRESS;
        }
        return allBlocked && s.total() > 0 ? TaskState.BLOCKED : TaskState.NOT_STARTED;
    }

    private void openSelected() {
        Object o = ((IStructuredSelection) viewer.getSelection()).getFirstElement();
        if (o instanceof StepStatus s && !StepParts.open(app, parts, s.id(), StepParts.CHECKLIST_TAG)) {
            MessageDialog.openInformation(viewer.getControl().getShell(), "No view for this step",
                    "The plug-in of step '" + s.id() + "' (" + s.bundleId()
                            + ") contributes no checklist view; use the command line 'status' instead.");
        }
    }

    @Inject
    @Optional
    void stateChanged(@UIEventTopic(StateEvents.TOPIC_ALL) Event event) {
        refresh();
    }

    private void refresh() {
        if (viewer != null && !viewer.getControl().isDisposed()) {
            viewer.setInput(state.steps());
            java.util.List<org.migrationconsole.api.state.MissingPluginTask> m = state.missingPluginTasks();
            missing.setText(m.isEmpty() ? "" : m.size() + " recorded task(s) provided by a missing plug-in: "
                    + String.join(", ", m.stream().map(t -> t.taskId()).toList()));
            missing.setToolTipText(missing.getText());
            ((org.eclipse.swt.layout.GridData) missing.getLayoutData()).exclude = m.isEmpty();
            missing.setVisible(!m.isEmpty());
            missing.getParent().layout(true, true);
        }
    }

    @Focus
    public void focus() {
        viewer.getControl().setFocus();
    }
}
