package org.migrationconsole.ui.internal.handlers;

import jakarta.inject.Named;

import org.eclipse.e4.core.di.annotations.Execute;
import org.eclipse.e4.ui.workbench.modeling.EPartService;
import org.eclipse.e4.ui.workbench.modeling.EPartService.PartState;

/** Shows a part of the shell by id (the command's parameter), creating it from its descriptor. */
public class OpenPartHandler {

    @Execute
    public void execute(@Named("org.migrationconsole.command.parameter.partId") String partId, EPartService parts) {
        parts.showPart(partId, PartState.ACTIVATE);
    }
}
