package org.migrationconsole.ui.internal.parts;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Inject;

import org.eclipse.e4.ui.di.Focus;
import org.eclipse.e4.ui.di.UISynchronize;
import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.layout.GridLayoutFactory;
import org.eclipse.jface.resource.JFaceResources;
import org.eclipse.swt.SWT;
import org.eclipse.swt.custom.ScrolledComposite;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.ProgressBar;
import org.migrationconsole.ui.internal.JobProgress;
import org.migrationconsole.ui.step.StepParts;

/**
 * The Progress view: every running job (check runs, the migration report, task changes) with
 * its progress and a Cancel button, fed by the {@link JobProgress} add-on. Redrawn at most every
 * 200 ms.
 */
public class ProgressPart {

    private static final int REFRESH_MS = 200;

    @Inject
    private JobProgress progress;
    @Inject
    private UISynchronize ui;

    private ScrolledComposite scroll;
    private Composite rows;
    private Label empty;
    private final AtomicBoolean pending = new AtomicBoolean();
    private final Map<JobProgress.Entry, Row> shown = new HashMap<>();
    private final Runnable listener = this::changed;

    private record Row(Composite box, Label detail, ProgressBar bar, boolean indeterminate, Button cancel) {
    }

    @PostConstruct
    public void create(Composite parent) {
        GridLayoutFactory.fillDefaults().applyTo(parent);
        scroll = new ScrolledComposite(parent, SWT.V_SCROLL);
        scroll.setExpandHorizontal(true);
        scroll.setExpandVertical(true);
        GridDataFactory.fillDefaults().grab(true, true).applyTo(scroll);
        rows = new Composite(scroll, SWT.NONE);
        rows.setData(StepParts.WIDGET_ID, "progress");
        GridLayoutFactory.fillDefaults().margins(8, 8).spacing(0, 10).applyTo(rows);
        scroll.setContent(rows);
        empty = new Label(rows, SWT.WRAP);
        empty.setText("No operation is running. Check runs, the migration report and task changes show here"
                + " while they run, and can be cancelled here.");
        empty.setData(StepParts.WIDGET_ID, "progress-empty");
        GridDataFactory.fillDefaults().grab(true, false).hint(400, SWT.DEFAULT).applyTo(empty);
        progress.addListener(listener);
        refresh();
    }

    @PreDestroy
    public void dispose() {
        progress.removeListener(listener);
    }

    @Focus
    public void focus() {
        scroll.setFocus();
    }

    private void changed() {
        if (pending.compareAndSet(false, true)) {
            ui.asyncExec(() -> {
                if (rows == null || rows.isDisposed()) {
                    return;
                }
                rows.getDisplay().timerExec(REFRESH_MS, () -> {
                    pending.set(false);
                    refresh();
                });
            });
        }
    }

    private void refresh() {
        if (rows == null || rows.isDisposed()) {
            return;
        }
        List<JobProgress.Entry> now = progress.running();
        shown.entrySet().removeIf(e -> {
            if (!now.contains(e.getKey())) {
                e.getValue().box().dispose();
                return true;
            }
            return false;
        });
        for (JobProgress.Entry e : now) {
            Row r = shown.get(e);
            boolean indeterminate = e.percent() < 0;
            if (r != null && r.indeterminate() != indeterminate) {
                r.box().dispose();
                shown.remove(e);
                r = null;
            }
            if (r == null) {
                r = row(e, indeterminate);
                shown.put(e, r);
            }
            r.detail().setText(e.canceled() ? "Cancelling…" : e.detail().isEmpty() ? "Waiting to start" : e.detail());
            if (!indeterminate) {
                r.bar().setSelection(e.percent());
            }
            r.cancel().setEnabled(!e.canceled());
        }
        boolean none = now.isEmpty();
        empty.setVisible(none);
        ((org.eclipse.swt.layout.GridData) empty.getLayoutData()).exclude = !none;
        rows.layout(true, true);
        scroll.setMinSize(rows.computeSize(scroll.getClientArea().width, SWT.DEFAULT));
    }

    private Row row(JobProgress.Entry e, boolean indeterminate) {
        Composite box = new Composite(rows, SWT.NONE);
        box.setData(StepParts.WIDGET_ID, "progress-row");
        GridDataFactory.fillDefaults().grab(true, false).applyTo(box);
        GridLayoutFactory.fillDefaults().numColumns(2).spacing(10, 3).applyTo(box);
        Label name = new Label(box, SWT.NONE);
        name.setText(e.name());
        name.setFont(JFaceResources.getBannerFont());
        GridDataFactory.fillDefaults().grab(true, false).span(2, 1).applyTo(name);
        ProgressBar bar = new ProgressBar(box, indeterminate ? SWT.INDETERMINATE : SWT.SMOOTH);
        bar.setMaximum(100);
        GridDataFactory.fillDefaults().grab(true, false).align(SWT.FILL, SWT.CENTER).applyTo(bar);
        Button cancel = new Button(box, SWT.PUSH);
        cancel.setText("Cancel");
        cancel.setToolTipText("Stop " + e.name().toLowerCase(java.util.Locale.ROOT) + " at its next safe point");
        cancel.setData(StepParts.WIDGET_ID, "progress-cancel");
        cancel.addListener(SWT.Selection, ev -> progress.cancel(e));
        Label detail = new Label(box, SWT.NONE);
        GridDataFactory.fillDefaults().grab(true, false).span(2, 1).applyTo(detail);
        return new Row(box, detail, bar, indeterminate, cancel);
    }
}
