package org.migrationconsole.ui.internal.actions;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.eclipse.jface.dialogs.Dialog;
import org.eclipse.jface.dialogs.IDialogConstants;
import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.layout.GridLayoutFactory;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Combo;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.Text;
import org.migrationconsole.api.action.MigrationAction;
import org.migrationconsole.api.field.Field;
import org.migrationconsole.api.field.FieldKind;
import org.migrationconsole.api.field.FieldProblem;
import org.migrationconsole.api.field.FieldValues;
import org.migrationconsole.ui.step.StepParts;

/**
 * The administrator's choices for an action before its plan is read (e.g. which GPOs to delete):
 * one control per option field, the field's rules checked while typing, OK only when all pass.
 */
final class OptionsDialog extends Dialog {

    private final MigrationAction action;
    private final Map<String, Control> controls = new LinkedHashMap<>();
    private final Map<String, String> values = new LinkedHashMap<>();
    private Label problem;

    private OptionsDialog(Shell shell, MigrationAction action) {
        super(shell);
        this.action = action;
        setShellStyle(getShellStyle() | SWT.RESIZE);
    }

    /** The chosen options; empty when cancelled. An action without options needs no dialog. */
    static Optional<Map<String, String>> ask(Shell shell, MigrationAction action) {
        if (action.options().isEmpty()) {
            return Optional.of(Map.of());
        }
        OptionsDialog d = new OptionsDialog(shell, action);
        return d.open() == OK ? Optional.of(Map.copyOf(d.values)) : Optional.empty();
    }

    @Override
    protected void configureShell(Shell shell) {
        super.configureShell(shell);
        shell.setText("Options: " + action.title());
    }

    @Override
    protected Control createDialogArea(Composite parent) {
        Composite c = (Composite) super.createDialogArea(parent);
        GridLayoutFactory.fillDefaults().numColumns(2).margins(12, 10).spacing(8, 6).applyTo(c);
        Label intro = new Label(c, SWT.WRAP);
        intro.setText("Choose what the plan covers. The preview that follows reads the servers and writes nothing.");
        GridDataFactory.fillDefaults().span(2, 1).grab(true, false).hint(520, SWT.DEFAULT).applyTo(intro);
        for (Field f : action.options()) {
            Label l = new Label(c, SWT.NONE);
            l.setText(f.label() + (f.required() ? " *" : ""));
            l.setToolTipText(f.help());
            Control control;
            if (f.kind() == FieldKind.BOOLEAN) {
                Button b = new Button(c, SWT.CHECK);
                b.setSelection("true".equalsIgnoreCase(f.defaultValue()));
                b.addListener(SWT.Selection, e -> check());
                control = b;
            } else if (f.kind() == FieldKind.CHOICE) {
                Combo combo = new Combo(c, SWT.READ_ONLY | SWT.DROP_DOWN);
                combo.setItems(f.choices().toArray(String[]::new));
                combo.select(Math.max(0, f.choices().indexOf(f.defaultValue())));
                combo.addListener(SWT.Selection, e -> check());
                control = combo;
            } else {
                Text t = new Text(c, SWT.BORDER | (f.kind() == FieldKind.LINES ? SWT.MULTI | SWT.V_SCROLL : SWT.SINGLE)
                        | (f.secret() ? SWT.PASSWORD : SWT.NONE));
                t.setText(f.defaultValue());
                t.addListener(SWT.Modify, e -> check());
                control = t;
            }
            control.setToolTipText(f.help());
            control.setData(StepParts.WIDGET_ID, "option:" + f.id());
            GridDataFactory.fillDefaults().grab(true, false).hint(320, f.kind() == FieldKind.LINES ? 80 : SWT.DEFAULT)
                    .applyTo(control);
            controls.put(f.id(), control);
        }
        problem = new Label(c, SWT.WRAP);
        problem.setForeground(c.getDisplay().getSystemColor(SWT.COLOR_DARK_RED));
        problem.setData(StepParts.WIDGET_ID, "option:problem");
        GridDataFactory.fillDefaults().span(2, 1).grab(true, false).hint(520, SWT.DEFAULT).applyTo(problem);
        return c;
    }

    @Override
    protected void createButtonsForButtonBar(Composite parent) {
        createButton(parent, IDialogConstants.OK_ID, "Preview", true);
        createButton(parent, IDialogConstants.CANCEL_ID, IDialogConstants.CANCEL_LABEL, false);
        check();
    }

    private Map<String, String> read() {
        Map<String, String> out = new LinkedHashMap<>();
        controls.forEach((id, c) -> out.put(id, switch (c) {
            case Button b -> Boolean.toString(b.getSelection());
            case Combo combo -> combo.getText();
            case Text t -> t.getText();
            default -> "";
        }));
        return out;
    }

    private void check() {
        if (problem == null || getButton(IDialogConstants.OK_ID) == null) {
            return;
        }
        List<FieldProblem> problems = Field.checkAll(action.options(), new FieldValues(read()));
        problem.setText(problems.isEmpty() ? "" : problems.get(0).fieldId() + " [" + problems.get(0).ruleId() + "]: "
                + problems.get(0).message());
        getButton(IDialogConstants.OK_ID).setEnabled(problems.isEmpty());
    }

    @Override
    protected void okPressed() {
        values.putAll(read());
        super.okPressed();
    }
}
