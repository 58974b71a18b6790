package org.migrationconsole.ui.internal.handlers;

import org.eclipse.e4.core.di.annotations.CanExecute;
import org.eclipse.e4.core.di.annotations.Execute;
import org.eclipse.e4.core.di.annotations.Optional;
import org.eclipse.e4.ui.model.application.ui.basic.MPart;
import org.eclipse.e4.ui.workbench.modeling.EPartService;

/** Saves the active editor. */
public class SaveHandler {

    @CanExecute
    public boolean canExecute(@Optional MPart active) {
        return active != null && active.isDirty();
    }

    @Execute
    public void execute(MPart active, EPartService parts) {
        parts.savePart(active, false);
    }
}
