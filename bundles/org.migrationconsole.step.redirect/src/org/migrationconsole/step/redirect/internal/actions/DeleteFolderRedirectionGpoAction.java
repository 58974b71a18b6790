package org.migrationconsole.step.redirect.internal.actions;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.migrationconsole.actions.ad.GpoPlans;
import org.migrationconsole.actions.ad.GpoPlans.Gpo;
import org.migrationconsole.api.action.ActionContext;
import org.migrationconsole.api.action.ActionPlan;
import org.migrationconsole.api.action.MigrationAction;
import org.migrationconsole.api.check.Directory.Entry;
import org.migrationconsole.api.check.Directory.Scope;
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
    /** The Folder Redirection client-side extension. */
    static final String FOLDER_REDIRECTION_CSE = "{25537BA6-77A8-11D2-9B6C-0000F8080861}";

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
        String other = null;
        for (Entry e : ctx.directory().search("CN=Policies,CN=System," + ctx.directory().defaultNamingContext(),
                Scope.ONE, "(&(objectClass=groupPolicyContainer)(gPCUserExtensionNames=*))", "displayName",
                "gPCUserExtensionNames")) {
            String display = e.first("displayName");
            if (display != null && !display.equalsIgnoreCase(name) && e.first("gPCUserExtensionNames").toUpperCase(
                    java.util.Locale.ROOT).contains(FOLDER_REDIRECTION_CSE)) {
                other = display;
            }
        }
        if (other != null) {
            notes.add("the folder-redirection policy '" + other + "' is in place");
        } else if ("completed".equals(policy)) {
            notes.add("task redirect.implement-policy is completed");
        } else {
            throw new IllegalStateException("no other GPO redirects folders yet (none carries the Folder Redirection"
                    + " extension " + FOLDER_REDIRECTION_CSE + ") and task redirect.implement-policy is " + policy
                    + ": turn on the destination's folder redirection first, or users lose their redirected folders");
        }
        if (selected.isEmpty()) {
            notes.add("no GPO named '" + name + "' in the domain");
        }
        return new ActionPlan(id(), ctx.now(), ctx.options().asMap(), GpoPlans.delete(ctx.directory(), selected,
                GpoPlans.counter()), notes);
    }
}
