package org.migrationconsole.step.redirect.internal.actions;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.migrationconsole.actions.ad.GpoPlans;
import org.migrationconsole.actions.ad.GpoPlans.Gpo;
import org.migrationconsole.api.action.ActionContext;
import org.migrationconsole.api.action.ActionPlan;
import org.migrationconsole.api.action.MigrationAction;
import org.migrationconsole.api.field.Field;
import org.osgi.service.component.annotations.Component;

/**
 * Catalog 5.2: deletes the "Small Business Server Folder Redirection" GPO (container with children,
 * SYSVOL folder, every gPLink entry) once the destination's own folder-redirection policy is in
 * place (task redirect.implement-policy).
 */
@Component(service = MigrationAction.class)
public class DeleteFolderRedirectionGpoAction implements MigrationAction {

    static final String NAME = "name";

    @Override
    public String id() {
        return "redirect.delete-sbs-folder-redirection-gpo";
    }

    @Override
    public String stepId() {
        return "redirect";
    }

    @Override
    public String title() {
        return "Delete the SBS Folder Redirection GPO";
    }

    @Override
    public String description() {
        return "Deletes the old folder-redirection GPO the way GPMC does (links, container, SYSVOL folder), after the"
                + " destination's folder-redirection policy is in place.";
    }

    @Override
    public Optional<String> taskId() {
        return Optional.of("redirect.delete-old-gpo");
    }

    @Override
    public List<Field> options() {
        return List.of(Field.builder(NAME).label("GPO to delete").help("The display name of the old"
                + " folder-redirection GPO (Microsoft's later page calls it 'W7PVP Folder Redirection').").defaultValue(
                        "Small Business Server Folder Redirection").required().build());
    }

    @Override
    public ActionPlan plan(ActionContext ctx) throws Exception {
        String name = ctx.options().get(NAME).strip();
        List<Gpo> selected = new ArrayList<>();
        for (Gpo g : GpoPlans.gpos(ctx.directory())) {
            if (name.equalsIgnoreCase(g.displayName())) {
                selected.add(g);
            }
        }
        List<String> notes = new ArrayList<>();
        String policy = ctx.taskState("redirect.implement-policy");
        if (!"completed".equals(policy)) {
            throw new IllegalStateException("the destination's folder-redirection policy is not in place yet (task"
                    + " redirect.implement-policy is " + policy + "): delete the old GPO after it, or users lose"
                    + " their redirected folders");
        }
        if (selected.isEmpty()) {
            notes.add("no GPO named '" + name + "' in the domain");
        }
        return new ActionPlan(id(), ctx.now(), ctx.options().asMap(), GpoPlans.delete(ctx.directory(), selected,
                GpoPlans.counter()), notes);
    }
}
