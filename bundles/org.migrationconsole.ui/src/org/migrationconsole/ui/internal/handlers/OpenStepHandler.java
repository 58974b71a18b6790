package org.migrationconsole.ui.internal.handlers;

import jakarta.inject.Named;

import org.eclipse.e4.core.di.annotations.Execute;
import org.eclipse.e4.ui.model.application.MApplication;
import org.eclipse.e4.ui.workbench.modeling.EPartService;
import org.migrationconsole.ui.step.StepParts;

/** Opens a step's checklist; the step id is the command's parameter. */
public class OpenStepHandler {

    @Execute
    public void execute(@Named("org.migrationconsole.command.parameter.stepId") String stepId, MApplication app,
            EPartService parts) {
        StepParts.open(app, parts, stepId, StepParts.CHECKLIST_TAG);
    }
}
