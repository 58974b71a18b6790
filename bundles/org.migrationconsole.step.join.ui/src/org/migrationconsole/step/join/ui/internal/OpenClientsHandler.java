package org.migrationconsole.step.join.ui.internal;

import org.eclipse.e4.core.di.annotations.Execute;
import org.eclipse.e4.ui.model.application.MApplication;
import org.eclipse.e4.ui.workbench.modeling.EPartService;
import org.migrationconsole.ui.step.StepParts;

/** Opens step 3's Clients view (the button on step 3's checklist toolbar). Thin: the view does the work. */
public class OpenClientsHandler {

    static final String TAG = "migrationconsole.step.join.clients";

    @Execute
    public void execute(MApplication app, EPartService parts) {
        StepParts.open(app, parts, "join", TAG);
    }
}
