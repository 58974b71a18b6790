package org.migrationconsole.ui.internal.actions;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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
import org.eclipse.jface.viewers.IElementComparer;
import org.eclipse.jface.viewers.IStructuredSelection;
import org.eclipse.jface.viewers.StructuredSelection;
import org.eclipse.jface.viewers.TableViewer;
import org.eclipse.jface.viewers.TableViewerColumn;
import org.eclipse.swt.SWT;
import org.eclipse.swt.custom.SashForm;
import org.eclipse.swt.graphics.Color;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Text;
import org.migrationconsole.actions.ActionService;
import org.migrationconsole.actions.ChangeRecord;
import org.migrationconsole.api.action.ActionPlan;
import org.migrationconsole.api.state.MigrationStateService;
import org.migrationconsole.api.state.StateEvents;
import org.migrationconsole.ui.step.StepParts;
import org.osgi.service.event.Event;

/**
 * The Changes view: every change the action engine made in this workspace (newest first) with its
 * id, action, state, progress, start time and the number of entries and files it touches; Undo…
 * and Resume… for the selected change, and a banner naming every change that was interrupted
 * ("interrupted after 3 of 7 changes"). Generic: it lists whatever the engine's journal holds.
 */
public class ChangesPart {

    /** Id of the part in the shell. */
    public static final String PART_ID = "org.migrationconsole.ui.part.changes";

    @Inject
    private MigrationStateService state;
    @Inject
    @org.eclipse.e4.core.di.annotations.Optional
    private ActionService engine;
    @Inject
    private UISynchronize sync;

    private Label banner;
    private TableViewer viewer;
    private Text details;
    private Button undo;
    private Button resume;
    private final Map<String, Integer> entries = new HashMap<>();
    private final Map<String, String> latest = new HashMap<>();
    private java.util.Set<String> busy = java.util.Set.of();

    @PostConstruct
    public void create(Composite parent) {
        GridLayoutFactory.fillDefaults().margins(6, 6).spacing(4, 4).applyTo(parent);
        banner = new Label(parent, SWT.WRAP);
        banner.setData(StepParts.WIDGET_ID, "changes:banner");
        banner.setForeground(parent.getDisplay().getSystemColor(SWT.COLOR_DARK_RED));
        GridDataFactory.fillDefaults().grab(true, false).hint(600, SWT.DEFAULT).applyTo(banner);

        Composite bar = new Composite(parent, SWT.NONE);
        GridLayoutFactory.fillDefaults().numColumns(3).applyTo(bar);
        GridDataFactory.fillDefaults().grab(true, false).applyTo(bar);
        Label hint = new Label(bar, SWT.NONE);
        hint.setText("Server changes made by the console, newest first. Each is backed up and can be undone.");
        GridDataFactory.fillDefaults().grab(true, false).align(SWT.FILL, SWT.CENTER).applyTo(hint);
        resume = new Button(bar, SWT.PUSH);
        resume.setText("Resume\u2026");
        resume.setToolTipText("Finish an interrupted change after the last change the journal recorded");
        resume.setData(StepParts.WIDGET_ID, "changes:resume");
        resume.addListener(SWT.Selection, e -> run(ActionDialog.Mode.RESUME));
        undo = new Button(bar, SWT.PUSH);
        undo.setText("Undo\u2026");
        undo.setToolTipText("Restore what the selected change touched from its backup");
        undo.setData(StepParts.WIDGET_ID, "changes:undo");
        undo.addListener(SWT.Selection, e -> run(ActionDialog.Mode.UNDO));

        SashForm sash = new SashForm(parent, SWT.HORIZONTAL);
        GridDataFactory.fillDefaults().grab(true, true).applyTo(sash);
        viewer = new TableViewer(sash, SWT.BORDER | SWT.FULL_SELECTION | SWT.SINGLE);
        viewer.getTable().setHeaderVisible(true);
        viewer.getTable().setLinesVisible(true);
        viewer.getTable().setData(StepParts.WIDGET_ID, "changes");
        viewer.setComparer(new IElementComparer() {
            @Override
            public boolean equals(Object a, Object b) {
                return a instanceof ChangeRecord x && b instanceof ChangeRecord y ? x.id().equals(y.id())
                        : java.util.Objects.equals(a, b);
            }

            @Override
            public int hashCode(Object o) {
                return o instanceof ChangeRecord r ? r.id().hashCode() : java.util.Objects.hashCode(o);
            }
        });
        column(150, "Started", r -> ChangeStates.time(r.startedAt()));
        column(215, "Action", r -> r.title().isEmpty() ? r.actionId() : r.title());
        ColumnLabelProvider stateLabel = new ColumnLabelProvider() {
            @Override
            public String getText(Object e) {
                return ChangeStates.stateLine((ChangeRecord) e, running((ChangeRecord) e));
            }

            @Override
            public Color getForeground(Object e) {
                ChangeRecord r = (ChangeRecord) e;
                return (r.state().needsAttention() && !running(r)) || r.state() == ChangeRecord.State.VERIFY_FAILED
                        ? viewer.getControl().getDisplay().getSystemColor(SWT.COLOR_DARK_RED) : null;
            }
        };
        TableViewerColumn sc = new TableViewerColumn(viewer, SWT.NONE);
        sc.getColumn().setText("State");
        sc.getColumn().setWidth(250);
        sc.setLabelProvider(stateLabel);
        column(60, "Entries", r -> entries.containsKey(r.id()) ? Integer.toString(entries.get(r.id())) : "?");
        column(330, "Change id", ChangeRecord::id);
        viewer.setContentProvider(ArrayContentProvider.getInstance());
        viewer.addSelectionChangedListener(e -> selected());
        details = new Text(sash, SWT.BORDER | SWT.MULTI | SWT.WRAP | SWT.READ_ONLY | SWT.V_SCROLL);
        details.setData(StepParts.WIDGET_ID, "changes:details");
        sash.setWeights(74, 26);
        Runnable stop = ActionJob.whenAnyEnds(() -> sync.asyncExec(this::refresh));
        parent.addDisposeListener(e -> stop.run());
        refresh();
    }

    private void column(int width, String header, java.util.function.Function<ChangeRecord, String> text) {
        TableViewerColumn c = new TableViewerColumn(viewer, SWT.NONE);
        c.getColumn().setText(header);
        c.getColumn().setWidth(width);
        c.setLabelProvider(new ColumnLabelProvider() {
            @Override
            public String getText(Object e) {
                return text.apply((ChangeRecord) e);
            }
        });
    }

    /** True for the newest change of an action whose apply, undo or resume runs here now. */
    private boolean running(ChangeRecord r) {
        return busy.contains(r.actionId()) && r.id().equals(latest.get(r.actionId()));
    }

    private Optional<ChangeRecord> current() {
        Object o = ((IStructuredSelection) viewer.getSelection()).getFirstElement();
        return o instanceof ChangeRecord r ? Optional.of(r) : Optional.empty();
    }

    private void selected() {
        Optional<ChangeRecord> r = current();
        boolean readOnly = state.workspace().readOnly();
        undo.setEnabled(engine != null && r.map(x -> !running(x) && ChangeStates.canUndo(x, readOnly)).orElse(false));
        resume.setEnabled(engine != null && r.map(x -> !running(x) && ChangeStates.canResume(x, readOnly)).orElse(
                false));
        details.setText(r.map(ChangeStates::details).orElse(""));
    }

    private void run(ActionDialog.Mode mode) {
        Optional<ChangeRecord> r = current();
        if (r.isEmpty() || engine == null) {
            return;
        }
        ChangeRecord now = engine.change(r.get().id()).orElse(r.get());
        ActionFlows.change(viewer.getControl().getShell(), sync, engine, state, now, mode);
        refresh();
    }

    @Inject
    @org.eclipse.e4.core.di.annotations.Optional
    void stateChanged(@UIEventTopic(StateEvents.TOPIC_ALL) Event event) {
        refresh();
    }

    private void refresh() {
        if (viewer == null || viewer.getControl().isDisposed()) {
            return;
        }
        if (engine == null) {
            banner.setText("The action engine is not running: no server changes can be listed.");
            viewer.setInput(List.of());
            selected();
            return;
        }
        List<ChangeRecord> list = new ArrayList<>(engine.changes());
        java.util.Collections.reverse(list);
        for (ChangeRecord r : list) {
            entries.computeIfAbsent(r.id(), id -> {
                try {
                    return engine.changePlan(id).map(ActionPlan.class::cast).map(PlanText::entries).orElse(null);
                } catch (RuntimeException e) {
                    return null;
                }
            });
        }
        busy = ActionJob.busyActions();
        latest.clear();
        for (ChangeRecord r : list) {
            latest.putIfAbsent(r.actionId(), r.id());
        }
        List<String> attention = new ArrayList<>();
        for (ChangeRecord r : list) {
            if (r.state().needsAttention() && !running(r)) {
                attention.add(r.id() + " (" + r.title() + "): " + ChangeStates.progress(r));
            }
        }
        banner.setText(attention.isEmpty() ? "" : (attention.size() == 1 ? "A change needs attention: "
                : attention.size() + " changes need attention: ") + String.join("; ", attention)
                + ". Select it, then Resume\u2026 or Undo\u2026");
        Optional<ChangeRecord> before = current();
        viewer.setInput(list);
        before.flatMap(b -> list.stream().filter(r -> r.id().equals(b.id())).findFirst()).ifPresent(r -> viewer
                .setSelection(new StructuredSelection(r), true));
        selected();
        banner.getParent().layout(true, true);
    }

    @Focus
    public void focus() {
        viewer.getControl().setFocus();
    }
}
