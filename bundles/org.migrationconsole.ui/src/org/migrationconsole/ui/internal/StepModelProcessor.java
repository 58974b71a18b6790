package org.migrationconsole.ui.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.eclipse.e4.core.di.annotations.Execute;
import org.eclipse.e4.ui.model.application.MApplication;
import org.eclipse.e4.ui.model.application.commands.MCommand;
import org.eclipse.e4.ui.model.application.commands.MCommandsFactory;
import org.eclipse.e4.ui.model.application.commands.MHandler;
import org.eclipse.e4.ui.model.application.commands.MParameter;
import org.eclipse.e4.ui.model.application.descriptor.basic.MBasicFactory;
import org.eclipse.e4.ui.model.application.descriptor.basic.MPartDescriptor;
import org.eclipse.e4.ui.model.application.ui.menu.MHandledToolItem;
import org.eclipse.e4.ui.model.application.ui.menu.MMenuFactory;
import org.eclipse.e4.ui.model.application.ui.menu.MToolBar;
import org.migrationconsole.api.artifact.Artifact;
import org.migrationconsole.api.state.MigrationStateService;
import org.migrationconsole.api.state.StepStatus;
import org.migrationconsole.ui.step.OpenArtifactHandler;
import org.migrationconsole.ui.step.StepParts;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds each installed step's UI from its {@code MigrationStep} service at every start (the
 * model is not persisted): the checklist part descriptor with its toolbar and part-scoped task
 * handlers, the notes-and-inputs editor, and a toolbar button per artifact the step generates.
 * Runs before the model fragments, so a step's own {@code fragment.e4xmi} can add to what is
 * built here (e.g. items in {@code org.migrationconsole.step.<id>.toolbar}). No step is named.
 */
public class StepModelProcessor {

    /** The log, looked up only when there is something to say (start-up does not pay for it). */
    private static Logger log() {
        return LoggerFactory.getLogger(StepModelProcessor.class);
    }
    private static final String UI = "bundleclass://org.migrationconsole.ui/org.migrationconsole.ui.step.";
    /** The shell's icons (icons/NAME.png, with @2x variants; drawn by releng/scripts/make-icons.py). */
    static final String ICONS = "platform:/plugin/org.migrationconsole.ui/icons/";

    /** The shell's task commands, with the handler class and tool item of each, in toolbar order. */
    private static final String[][] TASK_COMMANDS = {
            { "org.migrationconsole.command.task.start", "StartTaskHandler", "start", "Start",
                    "Mark the selected task in progress" },
            { "org.migrationconsole.command.task.complete", "CompleteTaskHandler", "complete", "Complete",
                    "Mark the selected task completed" },
            { "org.migrationconsole.command.task.skip", "SkipTaskHandler", "skip", "Skip",
                    "Skip the selected optional task" },
            { "org.migrationconsole.command.task.fail", "FailTaskHandler", "fail", "Failed",
                    "Record that the selected task failed" },
            { "org.migrationconsole.command.task.reset", "ResetTaskHandler", "reset", "Reset",
                    "Put the selected task back to not started (asks for a reason)" },
            { "org.migrationconsole.command.task.note", "AddNoteHandler", "note", "Add note",
                    "Add a note to the selected task's history" },
            { "org.migrationconsole.command.step.edit", "OpenStepEditorHandler", "edit", "Notes and inputs",
                    "Open this step's notes and inputs editor" } };
    static final String RUN_CHECKS = "org.migrationconsole.command.checks.run";

    @Execute
    public void process(MApplication app, @org.eclipse.e4.core.di.annotations.Optional MigrationStateService state) {
        if (state == null) {
            log().warn("the migration-state service is not there; no step parts are built");
            return;
        }
        Map<String, List<Artifact>> artifacts = artifactsByStep();
        List<StepStatus> steps = state.steps();
        int n = 1;
        for (StepStatus s : steps) {
            try {
                build(app, s, n++, artifacts.getOrDefault(s.id(), List.of()));
            } catch (RuntimeException e) {
                log().error("the parts of step {} cannot be built", s.id(), e);
            }
        }
    }

    private void build(MApplication app, StepStatus s, int number, List<Artifact> artifacts) {
        String id = s.id();
        String prefix = "org.migrationconsole.step." + id;
        if (find(app, prefix + ".part.checklist").isEmpty()) {
            MPartDescriptor d = MBasicFactory.INSTANCE.createPartDescriptor();
            d.setElementId(prefix + ".part.checklist");
            d.setLabel(s.step().title());
            d.setTooltip("Step " + number + ": " + s.step().title());
            d.setIconURI(ICONS + "steps.png");
            d.setCategory("org.migrationconsole.category.steps");
            d.setCloseable(true);
            d.setContributionURI(UI + "TaskChecklistPart");
            d.getTags().add(StepParts.CHECKLIST_TAG);
            d.getPersistedState().put(StepParts.STEP_ID, id);
            MToolBar bar = MMenuFactory.INSTANCE.createToolBar();
            bar.setElementId(prefix + ".toolbar");
            d.setToolbar(bar);
            for (String[] c : TASK_COMMANDS) {
                Optional<MCommand> command = command(app, c[0]);
                if (command.isEmpty()) {
                    continue;
                }
                MHandler h = MCommandsFactory.INSTANCE.createHandler();
                h.setElementId(prefix + ".handler." + c[2]);
                h.setContributionURI(UI + c[1]);
                h.setCommand(command.get());
                d.getHandlers().add(h);
                bar.getChildren().add(toolItem(prefix + ".toolitem." + c[2], c[3], c[4], c[2], command.get()));
            }
            command(app, RUN_CHECKS).ifPresent(c -> bar.getChildren().add(toolItem(prefix + ".toolitem.checks",
                    "Run checks", "Run the pre-flight checks against the source server", "checks", c)));
            Optional<MCommand> open = command(app, OpenArtifactHandler.COMMAND);
            for (Artifact a : artifacts) {
                if (open.isEmpty()) {
                    break;
                }
                MHandledToolItem item = toolItem(prefix + ".toolitem.artifact." + a.id(), a.title() + "\u2026",
                        "Open the editor of " + a.fileName() + (a.description().isEmpty() ? ""
                                : ": " + a.description()), "artifact", open.get());
                // several artifacts share one icon: their names stay on the buttons
                item.getTags().add("FORCE_TEXT");
                MParameter p = MCommandsFactory.INSTANCE.createParameter();
                p.setElementId(prefix + ".toolitem.artifact." + a.id() + ".id");
                p.setName(OpenArtifactHandler.PARAMETER);
                p.setValue(a.id());
                item.getParameters().add(p);
                bar.getChildren().add(item);
            }
            app.getDescriptors().add(d);
        }
        if (find(app, prefix + ".part.editor").isEmpty()) {
            MPartDescriptor e = MBasicFactory.INSTANCE.createPartDescriptor();
            e.setElementId(prefix + ".part.editor");
            e.setLabel(s.step().title() + ": notes");
            e.setTooltip("Notes and inputs of step " + number + ": " + s.step().title());
            e.setIconURI(ICONS + "editor.png");
            e.setCategory("org.migrationconsole.category.editors");
            e.setCloseable(true);
            e.setDirtyable(true);
            e.setContributionURI(UI + "StepEditorPart");
            e.getTags().add("Editor");
            e.getTags().add(StepParts.EDITOR_TAG);
            e.getPersistedState().put(StepParts.STEP_ID, id);
            app.getDescriptors().add(e);
        }
    }

    /** A tool item that shows its icon; the words go into its tooltip (the workbench adds the key once). */
    private static MHandledToolItem toolItem(String elementId, String label, String tooltip, String icon,
            MCommand command) {
        MHandledToolItem ti = MMenuFactory.INSTANCE.createHandledToolItem();
        ti.setElementId(elementId);
        ti.setLabel(label);
        ti.setIconURI(ICONS + icon + ".png");
        ti.setTooltip(tooltip);
        ti.setCommand(command);
        return ti;
    }

    private static Optional<MPartDescriptor> find(MApplication app, String id) {
        return app.getDescriptors().stream().filter(d -> id.equals(d.getElementId())).findFirst();
    }

    private static Optional<MCommand> command(MApplication app, String id) {
        return app.getCommands().stream().filter(c -> id.equals(c.getElementId())).findFirst();
    }

    /** The installed artifacts by step (their services are looked up, not kept). */
    private static Map<String, List<Artifact>> artifactsByStep() {
        Map<String, List<Artifact>> out = new LinkedHashMap<>();
        BundleContext bc = FrameworkUtil.getBundle(StepModelProcessor.class).getBundleContext();
        if (bc == null) {
            return out;
        }
        try {
            List<ServiceReference<Artifact>> refs = new ArrayList<>(bc.getServiceReferences(Artifact.class, null));
            refs.sort(null);
            for (ServiceReference<Artifact> r : refs) {
                Artifact a = bc.getService(r);
                if (a != null) {
                    out.computeIfAbsent(a.stepId(), k -> new ArrayList<>()).add(a);
                    bc.ungetService(r);
                }
            }
        } catch (InvalidSyntaxException | RuntimeException e) {
            log().warn("the artifacts cannot be listed", e);
        }
        out.values().forEach(l -> l.sort(java.util.Comparator.comparing(Artifact::id)));
        return out;
    }
}
