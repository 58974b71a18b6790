package org.migrationconsole.ui.step;

import org.eclipse.e4.core.di.annotations.CanExecute;
import org.eclipse.e4.core.di.annotations.Execute;
import org.eclipse.e4.core.di.annotations.Optional;
import org.eclipse.e4.ui.model.application.MApplication;
import org.eclipse.e4.ui.model.application.ui.basic.MPart;
import org.eclipse.e4.ui.workbench.modeling.EPartService;

/** Opens the notes-and-inputs editor of the step whose checklist is active. */
public class OpenStepEditorHandler {

    @CanExecute
    public boolean canExecute(@Optional MPart active) {
        return StepParts.stepId(active).isPresent();
    }

    @Execute
    public void execute(MPart active, MApplication app, EPartService parts) {
        StepParts.stepId(active).ifPresent(id -> StepParts.open(app, parts, id, StepParts.EDITOR_TAG));
    }
}
