package org.migrationconsole.ui.step;

import org.eclipse.e4.core.di.annotations.Execute;
import org.eclipse.e4.ui.model.application.ui.basic.MPart;
import org.eclipse.e4.ui.workbench.modeling.EPartService;
import org.eclipse.e4.ui.workbench.modeling.EPartService.PartState;

import jakarta.inject.Named;

/**
 * Opens the artifact editor for the artifact named by the command parameter {@value #PARAMETER}
 * (one part per artifact; an open one is brought to the front).
 */
public class OpenArtifactHandler {

    /** Command id. */
    public static final String COMMAND = "org.migrationconsole.command.artifact.open";
    /** Command parameter: the artifact's id. */
    public static final String PARAMETER = "org.migrationconsole.command.parameter.artifactId";

    @Execute
    public void execute(@Named(PARAMETER) String artifactId, EPartService parts) {
        open(parts, artifactId);
    }

    /** Shows the editor of an artifact, creating it if needed. */
    public static MPart open(EPartService parts, String artifactId) {
        for (MPart p : parts.getParts()) {
            if (ArtifactEditorPart.DESCRIPTOR.equals(p.getElementId())
                    && artifactId.equals(p.getPersistedState().get(ArtifactEditorPart.ARTIFACT_ID))) {
                parts.showPart(p, PartState.ACTIVATE);
                return p;
            }
        }
        MPart part = parts.createPart(ArtifactEditorPart.DESCRIPTOR);
        part.getPersistedState().put(ArtifactEditorPart.ARTIFACT_ID, artifactId);
        parts.showPart(part, PartState.ACTIVATE);
        return part;
    }
}
