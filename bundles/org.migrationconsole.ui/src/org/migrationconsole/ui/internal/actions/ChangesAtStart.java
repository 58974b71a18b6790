package org.migrationconsole.ui.internal.actions;

import org.eclipse.e4.core.di.annotations.Execute;
import org.eclipse.e4.core.di.annotations.Optional;
import org.eclipse.e4.ui.model.application.MApplication;
import org.eclipse.e4.ui.model.application.ui.MElementContainer;
import org.eclipse.e4.ui.model.application.ui.MUIElement;
import org.eclipse.e4.ui.model.application.ui.basic.MPart;
import org.eclipse.e4.ui.workbench.modeling.EModelService;
import org.migrationconsole.actions.ActionService;
import org.slf4j.LoggerFactory;

/**
 * A model processor: when the journal says a server change stopped half-way (interrupted, stopped,
 * undo interrupted), the Changes view is the selected tab of its stack at start, so the first
 * thing the administrator sees below the steps is "interrupted after 3 of 7 changes" with Resume…
 * and Undo…. Does nothing otherwise, or when the engine is not running.
 */
public class ChangesAtStart {

    @Execute
    public void process(MApplication app, EModelService models, @Optional ActionService engine) {
        if (engine == null) {
            return;
        }
        try {
            if (engine.changes().stream().noneMatch(r -> r.state().needsAttention())) {
                return;
            }
            select(app, models);
        } catch (RuntimeException e) {
            LoggerFactory.getLogger(ChangesAtStart.class).warn("the changes could not be read at start", e);
        }
    }

    /** Makes the Changes part the selected element of its stack; false when the model has none. */
    @SuppressWarnings({ "unchecked", "rawtypes" })
    public static boolean select(MApplication app, EModelService models) {
        MUIElement found = models.find(ChangesPart.PART_ID, app);
        if (!(found instanceof MPart part) || part.getParent() == null) {
            return false;
        }
        MElementContainer parent = part.getParent();
        parent.setSelectedElement(part);
        return true;
    }
}
