package org.migrationconsole.ui.internal.actions;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.eclipse.e4.ui.di.UISynchronize;
import org.eclipse.jface.dialogs.Dialog;
import org.eclipse.jface.dialogs.IDialogConstants;
import org.eclipse.jface.dialogs.MessageDialog;
import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.layout.GridLayoutFactory;
import org.eclipse.jface.resource.JFaceResources;
import org.eclipse.swt.SWT;
import org.eclipse.swt.custom.StyleRange;
import org.eclipse.swt.custom.StyledText;
import org.eclipse.swt.graphics.Color;
import org.eclipse.swt.graphics.Font;
import org.eclipse.swt.graphics.FontData;
import org.eclipse.swt.graphics.Point;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.ProgressBar;
import org.eclipse.swt.widgets.Shell;
import org.migrationconsole.actions.ActionService;
import org.migrationconsole.actions.ChangeRecord;
import org.migrationconsole.api.action.ActionPlan;
import org.migrationconsole.api.action.Change;
import org.migrationconsole.api.action.ConflictException;
import org.migrationconsole.api.action.MigrationAction;
import org.migrationconsole.api.state.MigrationStateService;
import org.migrationconsole.ui.step.StepParts;

/**
 * The one dialog of server changes. In PREVIEW mode it reads the plan in a Job (Cancel stops
 * waiting), shows it as a readable diff and offers Apply… (confirmed once) that runs in a Job with
 * progress and Cancel between changes, then shows the result of the verification. In UNDO mode it
 * shows what the change did and offers Undo… (confirmed once); a refusal (the servers changed since
 * the apply) names entry and attribute and enables Force undo… (confirmed a second time). RESUME
 * mode finishes an interrupted change. All engine work runs in {@link ActionJob}s; their
 * progress comes back through {@link UISynchronize}.
 */
public final class ActionDialog extends Dialog {

    /** What the dialog is for. */
    public enum Mode {
        PREVIEW, UNDO, RESUME
    }

    static final int PRIMARY = IDialogConstants.CLIENT_ID + 1;
    static final int FORCE = IDialogConstants.CLIENT_ID + 2;
    static final int REPLAN = IDialogConstants.CLIENT_ID + 3;
    static final int STOP = IDialogConstants.CLIENT_ID + 4;

    private final Mode mode;
    private final ActionService engine;
    private final MigrationStateService state;
    private final Credentials credentials;
    private final UISynchronize sync;
    private final MigrationAction action;
    private final Map<String, String> options;
    private ActionPlan plan;
    private ChangeRecord change;

    private Label status;
    private ProgressBar progress;
    private StyledText text;
    private Font bold;
    private ActionJob running;
    private boolean conflict;
    private boolean finished;

    /**
     * @param plan a plan already read (Apply… of a previewed action), or null to read one now
     */
    public static ActionDialog preview(Shell shell, ActionService engine, MigrationStateService state,
            Credentials credentials, UISynchronize sync, MigrationAction action, Map<String, String> options,
            ActionPlan plan) {
        return new ActionDialog(shell, Mode.PREVIEW, engine, state, credentials, sync, action, options, plan, null);
    }

    public static ActionDialog forChange(Shell shell, Mode mode, ActionService engine, MigrationStateService state,
            Credentials credentials, UISynchronize sync, ChangeRecord change) {
        return new ActionDialog(shell, mode, engine, state, credentials, sync, engine.action(change.actionId())
                .orElse(null), Map.of(), engine.changePlan(change.id()).orElse(null), change);
    }

    private ActionDialog(Shell shell, Mode mode, ActionService engine, MigrationStateService state,
            Credentials credentials, UISynchronize sync, MigrationAction action, Map<String, String> options,
            ActionPlan plan, ChangeRecord change) {
        super(shell);
        this.state = state;
        this.mode = mode;
        this.engine = engine;
        this.credentials = credentials;
        this.sync = sync;
        this.action = action;
        this.options = options == null ? Map.of() : options;
        this.plan = plan;
        this.change = change;
        setShellStyle(getShellStyle() | SWT.RESIZE | SWT.MAX);
    }

    private String title() {
        String what = action != null ? action.title() : change != null ? change.title() : "";
        return switch (mode) {
            case PREVIEW -> "Preview: " + what;
            case UNDO -> "Undo: " + what;
            case RESUME -> "Resume: " + what;
        };
    }

    @Override
    protected void configureShell(Shell shell) {
        super.configureShell(shell);
        shell.setText(title());
    }

    @Override
    protected Point getInitialSize() {
        return new Point(980, 640);
    }

    @Override
    protected Control createDialogArea(Composite parent) {
        Composite c = (Composite) super.createDialogArea(parent);
        GridLayoutFactory.fillDefaults().margins(12, 10).spacing(6, 8).applyTo(c);
        Label heading = new Label(c, SWT.WRAP);
        FontData fd = heading.getFont().getFontData()[0];
        bold = new Font(c.getDisplay(), fd.getName(), fd.getHeight() + 1, SWT.BOLD);
        c.addDisposeListener(e -> bold.dispose());
        heading.setFont(bold);
        heading.setText(title());
        GridDataFactory.fillDefaults().grab(true, false).applyTo(heading);
        String description = action == null ? "" : action.description();
        Label about = new Label(c, SWT.WRAP);
        about.setText(switch (mode) {
            case PREVIEW -> (description.isEmpty() ? "" : description + "\n")
                    + "The preview reads the servers and writes nothing. Apply backs up everything it touches,"
                    + " journals each change and can be undone from the Changes view.";
            case UNDO -> "Undo restores every entry and file this change touched from its backup, last change first."
                    + " It refuses, naming the entry and attribute, when the servers changed since the apply.";
            case RESUME -> "Resume continues the interrupted change after the last change the journal recorded;"
                    + " each change first looks at the server and skips what is already done.";
        });
        GridDataFactory.fillDefaults().grab(true, false).hint(900, SWT.DEFAULT).applyTo(about);
        status = new Label(c, SWT.WRAP);
        status.setData(StepParts.WIDGET_ID, "action:status");
        GridDataFactory.fillDefaults().grab(true, false).hint(900, SWT.DEFAULT).applyTo(status);
        progress = new ProgressBar(c, SWT.HORIZONTAL | SWT.SMOOTH);
        progress.setData(StepParts.WIDGET_ID, "action:progress");
        GridDataFactory.fillDefaults().grab(true, false).applyTo(progress);
        text = new StyledText(c, SWT.BORDER | SWT.MULTI | SWT.READ_ONLY | SWT.V_SCROLL | SWT.H_SCROLL);
        text.setData(StepParts.WIDGET_ID, "action:plan");
        text.setFont(JFaceResources.getTextFont());
        text.setMargins(6, 4, 6, 4);
        text.setWordWrap(true);
        text.setWrapIndent(32);
        GridDataFactory.fillDefaults().grab(true, true).hint(900, 380).applyTo(text);
        return c;
    }

    @Override
    protected void createButtonsForButtonBar(Composite parent) {
        if (mode == Mode.PREVIEW) {
            button(parent, REPLAN, "Plan again", "action:replan");
        }
        if (mode == Mode.UNDO) {
            button(parent, FORCE, "Force undo\u2026", "action:force");
        }
        button(parent, PRIMARY, switch (mode) {
            case PREVIEW -> "Apply\u2026";
            case UNDO -> "Undo\u2026";
            case RESUME -> "Resume\u2026";
        }, "action:primary");
        button(parent, STOP, "Cancel", "action:cancel");
        button(parent, IDialogConstants.CLOSE_ID, "Close", "action:close");
    }

    private void button(Composite parent, int id, String label, String widgetId) {
        Button b = createButton(parent, id, label, false);
        b.setData(StepParts.WIDGET_ID, widgetId);
    }

    @Override
    public void create() {
        super.create();
        if (mode == Mode.PREVIEW && plan == null) {
            startPlan();
        } else if (mode == Mode.PREVIEW) {
            showPlan("The plan read at " + ChangeStates.time(plan.plannedAt()) + " (Plan again reads the servers"
                    + " anew).");
        } else {
            showChange();
        }
    }

    // ------------------------------------------------------------------ states

    private void enable() {
        boolean busy = running != null && !running.finished();
        set(STOP, busy && running.kind() != ActionJob.Kind.UNDO && running.kind() != ActionJob.Kind.RESUME);
        set(IDialogConstants.CLOSE_ID, !busy || running.kind() == ActionJob.Kind.PLAN);
        set(REPLAN, !busy && !finished);
        boolean primary = switch (mode) {
            case PREVIEW -> plan != null && !plan.isEmpty() && !finished;
            case UNDO -> change != null && change.state() != ChangeRecord.State.UNDONE && !finished;
            case RESUME -> change != null && (change.state() == ChangeRecord.State.INTERRUPTED || change.state()
                    == ChangeRecord.State.FAILED) && !finished;
        };
        set(PRIMARY, !busy && primary);
        set(FORCE, !busy && conflict && !finished);
        progress.setVisible(busy);
    }

    private void set(int id, boolean enabled) {
        Button b = getButton(id);
        if (b != null) {
            b.setEnabled(enabled);
        }
    }

    private void status(String message, boolean problem) {
        status.setText(message);
        status.setForeground(problem ? status.getDisplay().getSystemColor(SWT.COLOR_DARK_RED) : null);
        status.getParent().layout(true, true);
    }

    private void showPlan(String heading) {
        List<PlanText.Line> lines = new ArrayList<>(PlanText.lines(plan));
        render(lines);
        status(heading + " " + (plan.isEmpty() ? "Nothing to apply." : "Nothing was written; Apply\u2026 applies"
                + " exactly this plan, after a confirmation."), false);
        enable();
    }

    private void showChange() {
        List<PlanText.Line> lines = new ArrayList<>();
        lines.add(new PlanText.Line(PlanText.Kind.NOTE, ChangeStates.details(change).strip()));
        if (plan != null) {
            lines.add(new PlanText.Line(PlanText.Kind.NOTE, ""));
            lines.add(new PlanText.Line(PlanText.Kind.HEADING, "What the change did (" + (mode == Mode.UNDO
                    ? "undo restores it in reverse order" : "resume continues after change " + change.applied()) + "):"));
            lines.addAll(PlanText.lines(plan));
        } else {
            lines.add(new PlanText.Line(PlanText.Kind.MANUAL, "The plan of this change is missing from "
                    + change.folder()));
        }
        render(lines);
        status(change.id() + ": " + ChangeStates.state(change) + " (" + ChangeStates.progress(change) + ").", change
                .state().needsAttention());
        enable();
    }

    private void render(List<PlanText.Line> lines) {
        StringBuilder b = new StringBuilder();
        List<StyleRange> ranges = new ArrayList<>();
        for (PlanText.Line l : lines) {
            int start = b.length();
            b.append(l.text()).append('\n');
            StyleRange r = style(l.kind());
            if (r != null) {
                r.start = start;
                r.length = l.text().length();
                ranges.add(r);
            }
        }
        text.setText(b.toString());
        text.setStyleRanges(ranges.toArray(StyleRange[]::new));
    }

    private StyleRange style(PlanText.Kind kind) {
        StyleRange r = new StyleRange();
        switch (kind) {
            case HEADING -> r.fontStyle = SWT.BOLD;
            case REMOVED -> r.foreground = color(160, 0, 0);
            case ADDED -> r.foreground = color(0, 110, 0);
            case MANUAL -> {
                r.foreground = color(150, 80, 0);
                r.fontStyle = SWT.BOLD;
            }
            case TARGET -> r.foreground = color(0, 60, 140);
            case NOTE -> {
                return null;
            }
        }
        return r;
    }

    private Color color(int r, int g, int b) {
        return new Color(r, g, b);
    }

    // ------------------------------------------------------------------ buttons

    @Override
    protected void buttonPressed(int id) {
        if (id == IDialogConstants.CLOSE_ID) {
            if (running != null && !running.finished()) {
                running.cancel();
            }
            setReturnCode(finished ? OK : CANCEL);
            close();
        } else if (id == STOP) {
            if (running != null) {
                running.cancel();
                status(running.kind() == ActionJob.Kind.APPLY ? "Cancelling: the apply stops after the change in"
                        + " progress." : "Cancelling\u2026", false);
            }
        } else if (id == REPLAN) {
            startPlan();
        } else if (id == PRIMARY) {
            primary();
        } else if (id == FORCE) {
            force();
        }
    }

    @Override
    protected void handleShellCloseEvent() {
        if (running != null && !running.finished() && running.kind() != ActionJob.Kind.PLAN) {
            return; // a change in progress: the result must be seen
        }
        buttonPressed(IDialogConstants.CLOSE_ID);
    }

    private void primary() {
        switch (mode) {
            case PREVIEW -> {
                int n = (int) plan.changes().stream().filter(Change::automatic).count();
                if (!MessageDialog.openConfirm(getShell(), "Apply changes", "Apply these " + n + " changes to "
                        + credentials.profile().sourceHost() + "?\n\n" + PlanText.summary(plan) + "\n\nThe console"
                        + " first checks that nothing changed since the plan and that the account may make every"
                        + " change, backs up every entry and file it touches, then applies and journals each change"
                        + " and reads the result back. You can undo it from the Changes view.")) {
                    return;
                }
                start(ActionJob.apply(engine, credentials.profile(), credentials.password(), plan), "Applying "
                        + n + " changes\u2026");
            }
            case UNDO -> {
                if (!MessageDialog.openConfirm(getShell(), "Undo change", "Undo change " + change.id() + " ("
                        + change.title() + ")?\n\nThe console restores from " + change.folder() + " every entry and"
                        + " file it changed, last change first, and journals each step.")) {
                    return;
                }
                start(ActionJob.undo(engine, credentials.profile(), credentials.password(), change, false),
                        "Undoing\u2026");
            }
            case RESUME -> {
                if (!MessageDialog.openConfirm(getShell(), "Resume change", "Resume change " + change.id() + " after"
                        + " change " + change.applied() + " of " + change.total() + "?")) {
                    return;
                }
                start(ActionJob.resume(engine, credentials.profile(), credentials.password(), change),
                        "Resuming\u2026");
            }
        }
    }

    private void force() {
        if (!MessageDialog.openQuestion(getShell(), "Force the undo?", "The servers changed since the apply:\n\n"
                + running.failureText() + "\n\nA forced undo overwrites those later changes with the values of the"
                + " backup. Overwrite them?")) {
            return;
        }
        if (!MessageDialog.openConfirm(getShell(), "Really overwrite?", "Second confirmation: force the undo of "
                + change.id() + " and overwrite what changed on the server since the apply?")) {
            return;
        }
        start(ActionJob.undo(engine, credentials.profile(), credentials.password(), change, true),
                "Undoing (forced)\u2026");
    }

    private void startPlan() {
        conflict = false;
        start(ActionJob.plan(engine, credentials.profile(), credentials.password(), action.id(), options),
                "Reading the servers (nothing is written)\u2026");
    }

    private void start(ActionJob job, String message) {
        running = job;
        progress.setMaximum(job.steps());
        progress.setSelection(0);
        status(message, false);
        job.onChange(j -> sync.asyncExec(() -> update(j)));
        enable();
        job.schedule();
    }

    /** On the UI thread: a progress line or the end of the Job. */
    private void update(ActionJob job) {
        if (getShell() == null || getShell().isDisposed() || job != running) {
            return;
        }
        if (!job.finished()) {
            progress.setSelection(Math.min(job.done(), progress.getMaximum()));
            status(capitalized(job.lastProgress()), false);
            return;
        }
        if (job.failure() != null) {
            conflict = job.failure() instanceof ConflictException && mode == Mode.UNDO;
            String what = switch (job.kind()) {
                case PLAN -> "The plan could not be read";
                case APPLY -> "Refused, nothing was applied";
                case UNDO -> "Undo refused, nothing was changed";
                case RESUME -> "Resume refused";
            };
            if (job.kind() == ActionJob.Kind.APPLY && job.failure() instanceof ConflictException) {
                what = "Refused before anything was written: the servers changed since the plan. Plan again";
            }
            if (conflict) {
                what += ". Force undo\u2026 overwrites the later changes";
            }
            status(what + ":\n" + job.failureText(), true);
            refreshChange();
            enable();
            return;
        }
        switch (job.kind()) {
            case PLAN -> {
                if (job.canceled() || job.planned() == null) {
                    status("Cancelled: no plan was read.", false);
                    enable();
                    return;
                }
                plan = job.planned();
                showPlan("Plan read at " + ChangeStates.time(plan.plannedAt()) + ".");
            }
            case APPLY, UNDO, RESUME -> {
                change = job.record();
                // an apply or resume happens once from here (the Changes view offers what comes next); an undo
                // that stopped half-way may be run again
                finished = job.kind() != ActionJob.Kind.UNDO || change.state() == ChangeRecord.State.UNDONE;
                showResult(job);
            }
        }
    }

    private void refreshChange() {
        if (change != null) {
            change = engine.change(change.id()).orElse(change);
        }
    }

    private void showResult(ActionJob job) {
        List<PlanText.Line> lines = new ArrayList<>();
        ChangeRecord r = change;
        String head = switch (r.state()) {
            case APPLIED -> "Applied and verified: every change reads back as planned.";
            case VERIFY_FAILED -> "Applied, but the verification found differences (the task stays open):";
            case UNDONE -> "Undone: restored from the backup.";
            case FAILED -> job.canceled() ? "Cancelled between two changes: " + ChangeStates.progress(r)
                    + ". Resume or undo it from the Changes view." : "Stopped: " + r.message();
            case INTERRUPTED -> "Interrupted: " + ChangeStates.progress(r) + ". Resume or undo it.";
            case UNDO_INTERRUPTED -> "The undo stopped: " + ChangeStates.progress(r) + ". Run undo again.";
        };
        lines.add(new PlanText.Line(PlanText.Kind.HEADING, head));
        lines.add(new PlanText.Line(PlanText.Kind.NOTE, ""));
        for (String p : r.problems()) {
            lines.add(new PlanText.Line(PlanText.Kind.REMOVED, "  problem: " + p));
        }
        List<String> read = r.state() == ChangeRecord.State.UNDONE ? List.of() : ChangeStates.verification(state
                .journal(), r.id());
        if (!read.isEmpty()) {
            lines.add(new PlanText.Line(PlanText.Kind.HEADING, "Verification (read back from the servers): " + read
                    .get(0)));
            for (String item : read.subList(1, read.size())) {
                lines.add(new PlanText.Line(read.get(0).startsWith("passed") ? PlanText.Kind.ADDED
                        : PlanText.Kind.REMOVED, "  " + item));
            }
            lines.add(new PlanText.Line(PlanText.Kind.NOTE, ""));
        }
        lines.add(new PlanText.Line(PlanText.Kind.NOTE, ChangeStates.details(r).strip()));
        if (plan != null) {
            lines.add(new PlanText.Line(PlanText.Kind.NOTE, ""));
            lines.add(new PlanText.Line(PlanText.Kind.HEADING, "The changes:"));
            lines.addAll(PlanText.lines(plan));
        }
        render(lines);
        boolean good = r.state() == ChangeRecord.State.APPLIED || r.state() == ChangeRecord.State.UNDONE;
        status(head + " Change " + r.id() + ": " + ChangeStates.state(r) + " (" + ChangeStates.progress(r) + ")"
                + (r.state() == ChangeRecord.State.APPLIED ? "; undo it from the Changes view if needed." : "."),
                !good);
        enable();
    }

    private static String capitalized(String s) {
        return s == null || s.isEmpty() ? "" : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }
}
