package org.migrationconsole.ui.step;

import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import jakarta.annotation.PostConstruct;
import jakarta.inject.Inject;

import org.eclipse.e4.ui.di.Focus;
import org.eclipse.e4.ui.di.Persist;
import org.eclipse.e4.ui.di.UISynchronize;
import org.eclipse.e4.ui.model.application.ui.MDirtyable;
import org.eclipse.e4.ui.model.application.ui.basic.MPart;
import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.layout.GridLayoutFactory;
import org.eclipse.swt.SWT;
import org.eclipse.swt.custom.ScrolledComposite;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Text;
import org.migrationconsole.api.state.MigrationStateService;
import org.migrationconsole.api.state.StepStatus;
import org.migrationconsole.api.step.StepInput;

/**
 * Editor of a step's notes and inputs. Each value is checked against its rule while it is
 * typed; an invalid value is kept on screen with the rule next to it and blocks saving, so
 * nothing typed is lost. Saving appends the changed values to the journal.
 */
public class StepEditorPart {

    @Inject
    private MigrationStateService state;
    @Inject
    private UISynchronize sync;
    @Inject
    private MDirtyable dirty;

    private String stepId;
    private final Map<StepInput, Text> fields = new LinkedHashMap<>();
    private final Map<StepInput, Label> errors = new LinkedHashMap<>();
    private Text notes;
    private Label status;
    private boolean loading;

    @PostConstruct
    public void create(Composite parent, MPart part) {
        stepId = StepParts.stepId(part).orElse("?");
        Optional<StepStatus> step = state.steps().stream().filter(s -> s.id().equals(stepId)).findFirst();
        parent.setLayout(new org.eclipse.swt.layout.FillLayout());
        ScrolledComposite scroll = new ScrolledComposite(parent, SWT.V_SCROLL | SWT.H_SCROLL);
        Composite body = new Composite(scroll, SWT.NONE);
        scroll.setContent(body);
        scroll.setExpandHorizontal(true);
        scroll.setExpandVertical(true);
        GridLayoutFactory.fillDefaults().numColumns(2).margins(10, 10).spacing(8, 4).applyTo(body);
        Label head = new Label(body, SWT.WRAP);
        GridDataFactory.fillDefaults().span(2, 1).grab(true, false).applyTo(head);
        if (step.isEmpty()) {
            head.setText("The plug-in providing step '" + stepId + "' is not installed.");
            return;
        }
        head.setText("Notes and inputs for \"" + step.get().step().title() + "\". These are kept in the journal;"
                + " never type a password here.");
        loading = true;
        for (StepInput in : step.get().step().inputs()) {
            Label l = new Label(body, SWT.NONE);
            l.setText(in.label() + (in.unverified() ? " (unverified)" : "") + ":");
            GridDataFactory.fillDefaults().align(SWT.FILL, SWT.TOP).applyTo(l);
            Text t = new Text(body, SWT.BORDER | (in.multiLine() ? SWT.MULTI | SWT.V_SCROLL | SWT.WRAP : SWT.SINGLE));
            t.setData(StepParts.WIDGET_ID, "input:" + stepId + ":" + in.id());
            t.setToolTipText(in.help() + in.rule().map(r -> "\nRule: " + r).orElse(""));
            GridDataFactory.fillDefaults().grab(true, false).hint(300, in.multiLine() ? 70 : SWT.DEFAULT).applyTo(t);
            t.setText(step.get().inputs().getOrDefault(in.id(), ""));
            new Label(body, SWT.NONE);
            Label help = new Label(body, SWT.WRAP);
            help.setText(in.help() + in.rule().map(r -> " Rule: " + r + ".").orElse(""));
            help.setForeground(body.getDisplay().getSystemColor(SWT.COLOR_DARK_GRAY));
            GridDataFactory.fillDefaults().grab(true, false).hint(300, SWT.DEFAULT).applyTo(help);
            new Label(body, SWT.NONE);
            Label err = new Label(body, SWT.WRAP);
            err.setForeground(body.getDisplay().getSystemColor(SWT.COLOR_RED));
            GridDataFactory.fillDefaults().grab(true, false).applyTo(err);
            fields.put(in, t);
            errors.put(in, err);
            t.addModifyListener(e -> {
                check(in);
                changed();
            });
        }
        Label nl = new Label(body, SWT.NONE);
        nl.setText("Notes:");
        GridDataFactory.fillDefaults().align(SWT.FILL, SWT.TOP).applyTo(nl);
        notes = new Text(body, SWT.BORDER | SWT.MULTI | SWT.WRAP | SWT.V_SCROLL);
        notes.setData(StepParts.WIDGET_ID, "notes:" + stepId);
        notes.setText(step.get().notes());
        notes.addModifyListener(e -> changed());
        GridDataFactory.fillDefaults().grab(true, true).hint(300, 140).applyTo(notes);
        status = new Label(body, SWT.WRAP);
        GridDataFactory.fillDefaults().span(2, 1).grab(true, false).applyTo(status);
        status.setText("Ctrl+S saves.");
        loading = false;
        scroll.setMinSize(body.computeSize(600, SWT.DEFAULT));
    }

    private void changed() {
        if (!loading) {
            dirty.setDirty(true);
        }
    }

    private boolean check(StepInput in) {
        Optional<String> broken = in.validate(fields.get(in).getText().strip());
        errors.get(in).setText(broken.map(r -> in.label() + ": " + r).orElse(""));
        errors.get(in).getParent().layout(true);
        return broken.isEmpty();
    }

    @Persist
    public void save() {
        boolean ok = true;
        for (StepInput in : fields.keySet()) {
            ok &= check(in);
        }
        if (!ok) {
            status.setText("Not saved: correct the values marked in red first (what you typed is kept).");
            return;
        }
        Map<String, String> values = new LinkedHashMap<>();
        fields.forEach((in, t) -> values.put(in.id(), t.getText()));
        String text = notes.getText();
        status.setText("Saving...");
        TaskJobs.schedule("Save notes of step " + stepId, () -> state.saveStepInputs(stepId, values, text),
                status.getShell(), sync, () -> {
                    dirty.setDirty(false);
                    if (!status.isDisposed()) {
                        status.setText("Saved at " + LocalTime.now().format(DateTimeFormatter.ofPattern("HH:mm:ss")));
                    }
                });
    }

    @Focus
    public void focus() {
        if (notes != null) {
            notes.setFocus();
        }
    }
}
