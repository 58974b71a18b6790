package org.migrationconsole.ui.step;

import java.util.Optional;

import org.eclipse.e4.ui.model.application.MApplication;
import org.eclipse.e4.ui.model.application.descriptor.basic.MPartDescriptor;
import org.eclipse.e4.ui.model.application.ui.basic.MPart;
import org.eclipse.e4.ui.workbench.modeling.EPartService;
import org.eclipse.e4.ui.workbench.modeling.EPartService.PartState;

/**
 * Finds and opens the parts a step plug-in contributed. A step's part descriptors carry the
 * step id in their persisted state under {@link #STEP_ID} and one of the tags
 * {@link #CHECKLIST_TAG} or {@link #EDITOR_TAG}.
 */
public final class StepParts {

    /** Persisted-state key holding the step id on step part descriptors and parts. */
    public static final String STEP_ID = "org.migrationconsole.stepId";
    /** Tag of a step's checklist part descriptor. */
    public static final String CHECKLIST_TAG = "migrationconsole.step.checklist";
    /** Tag of a step's notes-and-inputs editor descriptor. */
    public static final String EDITOR_TAG = "migrationconsole.step.editor";
    /** Widget data key used to find the console's controls (tests, accessibility tools). */
    public static final String WIDGET_ID = "org.migrationconsole.widgetId";

    private StepParts() {
    }

    /** The step id of a step part, or empty for other parts. */
    public static Optional<String> stepId(MPart part) {
        if (part == null) {
            return Optional.empty();
        }
        return Optional.ofNullable(part.getPersistedState().get(STEP_ID));
    }

    /** The descriptor with the given tag contributed for a step. */
    public static Optional<MPartDescriptor> descriptor(MApplication app, String stepId, String tag) {
        return app.getDescriptors().stream()
                .filter(d -> d.getTags().contains(tag) && stepId.equals(d.getPersistedState().get(STEP_ID)))
                .findFirst();
    }

    /**
     * Shows (creating if needed) the step's part with the given tag.
     *
     * @return false when no installed plug-in contributes such a part
     */
    public static boolean open(MApplication app, EPartService parts, String stepId, String tag) {
        Optional<MPartDescriptor> d = descriptor(app, stepId, tag);
        if (d.isEmpty()) {
            return false;
        }
        MPart part = parts.findPart(d.get().getElementId());
        if (part == null) {
            part = parts.createPart(d.get().getElementId());
            part.getPersistedState().put(STEP_ID, stepId);
        }
        parts.showPart(part, PartState.ACTIVATE);
        return true;
    }
}
