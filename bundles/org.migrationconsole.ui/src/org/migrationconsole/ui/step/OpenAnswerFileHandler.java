package org.migrationconsole.ui.step;

import org.eclipse.e4.core.di.annotations.CanExecute;
import org.eclipse.e4.core.di.annotations.Execute;
import org.eclipse.e4.core.di.annotations.Optional;
import org.eclipse.e4.ui.model.application.MApplication;
import org.eclipse.e4.ui.model.application.ui.basic.MPart;
import org.eclipse.e4.ui.workbench.modeling.EPartService;

/** Opens the answer-file editor that the active checklist's step contributes (tag {@value AnswerFileEditorPart#TAG}). */
public class OpenAnswerFileHandler {

    @CanExecute
    public boolean canExecute(@Optional MPart active, MApplication app) {
        return StepParts.stepId(active).flatMap(id -> StepParts.descriptor(app, id, AnswerFileEditorPart.TAG))
                .isPresent();
    }

    @Execute
    public void execute(MPart active, MApplication app, EPartService parts) {
        StepParts.stepId(active).ifPresent(id -> StepParts.open(app, parts, id, AnswerFileEditorPart.TAG));
    }
}
