package org.migrationconsole.step.move.internal.actions;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.migrationconsole.actions.ad.GpoPlans;
import org.migrationconsole.actions.ad.GpoPlans.Gpo;
import org.migrationconsole.api.action.ActionContext;
import org.migrationconsole.api.action.ActionPlan;
import org.migrationconsole.api.action.MigrationAction;
import org.migrationconsole.api.field.Field;
import org.osgi.service.component.annotations.Component;

/**
 * Catalog 4.4: deletes the legacy "Small Business Server ..." GPOs the administrator selects: each
 * container with its children, its SYSVOL folder and its entry in every gPLink (domain, OUs,
 * sites), the other links keeping their order and options. The Folder Redirection GPO is left to
 * step 5.
 */
@Component(service = MigrationAction.class)
public class DeleteLegacyGposAction implements MigrationAction {

    static final String PREFIX = "Small Business Server";
    static final String FOLDER_REDIRECTION = "Small Business Server Folder Redirection";
    static final String GPOS = "gpos";

    @Override
    public String id() {
        return "move.delete-legacy-gpos";
    }

    @Override
    public String stepId() {
        return "move";
    }

    @Override
    public String title() {
        return "Delete the legacy 'Small Business Server' GPOs";
    }

    @Override
    public String description() {
        return "Deletes the selected 'Small Business Server ...' GPOs the way GPMC does: links, container, SYSVOL"
                + " folder. The Folder Redirection GPO is removed in step 5.";
    }

    @Override
    public Optional<String> taskId() {
        return Optional.of("move.legacy-gpos");
    }

    @Override
    public Optional<String> checkId() {
        return Optional.of("domain.legacy-gpos");
    }

    @Override
    public List<Field> options() {
        return List.of(Field.builder(GPOS).label("GPOs to delete").help("'all' (every 'Small Business Server ...'"
                + " GPO but Folder Redirection) or display names separated by ';'").defaultValue("all").required()
                .build());
    }

    @Override
    public ActionPlan plan(ActionContext ctx) throws Exception {
        List<Gpo> legacy = new ArrayList<>();
        for (Gpo g : GpoPlans.gpos(ctx.directory())) {
            String n = g.displayName();
            if (n != null && n.regionMatches(true, 0, PREFIX, 0, PREFIX.length())
                    && !n.equalsIgnoreCase(FOLDER_REDIRECTION)) {
                legacy.add(g);
            }
        }
        String choice = ctx.options().get(GPOS).strip();
        List<Gpo> selected = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        if (choice.equalsIgnoreCase("all")) {
            selected.addAll(legacy);
        } else {
            for (String name : choice.split(";")) {
                String n = name.strip();
                if (n.isEmpty()) {
                    continue;
                }
                Gpo g = legacy.stream().filter(x -> x.displayName().equalsIgnoreCase(n)).findFirst().orElseThrow(
                        () -> new IllegalArgumentException("option " + GPOS + ": '" + n + "' is not a legacy 'Small"
                                + " Business Server ...' GPO of the domain (they are: " + String.join("; ", legacy
                                        .stream().map(Gpo::displayName).toList()) + ")"));
                selected.add(g);
            }
            List<String> left = legacy.stream().filter(g -> !selected.contains(g)).map(Gpo::displayName).toList();
            if (!left.isEmpty()) {
                notes.add(left.size() + " legacy GPOs left out (not selected): " + String.join("; ", left));
            }
        }
        if (selected.isEmpty()) {
            notes.add("no legacy 'Small Business Server ...' GPO to delete");
        }
        notes.add("GPOs changed by hand since SBS set them up: save a copy (GPMC Back Up) before applying if"
                + " you want to keep their settings outside this change's backup");
        selected.sort((a, b) -> a.displayName().toLowerCase(Locale.ROOT).compareTo(b.displayName().toLowerCase(
                Locale.ROOT)));
        return new ActionPlan(id(), ctx.now(), ctx.options().asMap(), GpoPlans.delete(ctx.directory(), selected,
                GpoPlans.counter()), notes);
    }
}
