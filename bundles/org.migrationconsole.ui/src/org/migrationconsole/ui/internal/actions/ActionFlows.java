package org.migrationconsole.ui.internal.actions;

import java.util.Map;
import java.util.Optional;

import org.eclipse.e4.ui.di.UISynchronize;
import org.eclipse.jface.dialogs.MessageDialog;
import org.eclipse.swt.widgets.Shell;
import org.migrationconsole.actions.ActionService;
import org.migrationconsole.actions.ChangeRecord;
import org.migrationconsole.api.action.ActionPlan;
import org.migrationconsole.api.action.MigrationAction;
import org.migrationconsole.api.state.MigrationStateService;

/**
 * The entry points of the checklist's action buttons and the Changes view: ask for options and
 * credentials, then open the {@link ActionDialog}. Nothing here touches a server: the dialog's
 * Jobs do.
 */
public final class ActionFlows {

    private ActionFlows() {
    }

    /**
     * Preview… (a fresh plan) or Apply… (the plan the last preview kept, when there is one and no
     * options need choosing; otherwise a fresh plan): the dialog applies only after confirmation.
     */
    public static void preview(Shell shell, UISynchronize sync, ActionService engine, MigrationStateService state,
            MigrationAction action, boolean useKeptPlan) {
        if (state.workspace().readOnly()) {
            MessageDialog.openInformation(shell, "Read-only workspace", state.workspace().readOnlyReason());
            return;
        }
        ActionPlan kept = null;
        Map<String, String> options = Map.of();
        if (useKeptPlan) {
            try {
                kept = engine.storedPlan(action.id()).orElse(null);
            } catch (RuntimeException e) {
                kept = null; // an unreadable kept plan: read a new one
            }
        }
        if (kept == null) {
            Optional<Map<String, String>> chosen = OptionsDialog.ask(shell, action);
            if (chosen.isEmpty()) {
                return;
            }
            options = chosen.get();
        }
        Optional<Credentials> credentials = Credentials.ask(shell, state);
        if (credentials.isEmpty()) {
            return;
        }
        try {
            ActionDialog.preview(shell, engine, state, credentials.get(), sync, action, options, kept).open();
        } finally {
            credentials.get().wipe();
        }
    }

    /** Undo… or Resume… of a change. */
    public static void change(Shell shell, UISynchronize sync, ActionService engine, MigrationStateService state,
            ChangeRecord change, ActionDialog.Mode mode) {
        if (state.workspace().readOnly()) {
            MessageDialog.openInformation(shell, "Read-only workspace", state.workspace().readOnlyReason());
            return;
        }
        if (engine.action(change.actionId()).isEmpty()) {
            MessageDialog.openWarning(shell, "Action not installed", "The action " + change.actionId() + " that made"
                    + " change " + change.id() + " is not installed (its step plug-in is missing); install it again"
                    + " to " + (mode == ActionDialog.Mode.UNDO ? "undo" : "resume") + " the change. Its backup stays in "
                    + change.folder() + ".");
            return;
        }
        Optional<Credentials> credentials = Credentials.ask(shell, state);
        if (credentials.isEmpty()) {
            return;
        }
        try {
            ActionDialog.forChange(shell, mode, engine, state, credentials.get(), sync, change).open();
        } finally {
            credentials.get().wipe();
        }
    }
}
