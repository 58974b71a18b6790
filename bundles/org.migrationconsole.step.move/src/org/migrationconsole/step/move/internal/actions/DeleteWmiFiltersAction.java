package org.migrationconsole.step.move.internal.actions;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

import org.migrationconsole.actions.ad.GpoPlans;
import org.migrationconsole.api.action.ActionContext;
import org.migrationconsole.api.action.ActionPlan;
import org.migrationconsole.api.action.AttributeChange;
import org.migrationconsole.api.action.Change;
import org.migrationconsole.api.action.DirectoryChange;
import org.migrationconsole.api.action.MigrationAction;
import org.migrationconsole.api.action.WritableDirectory;
import org.migrationconsole.api.check.Directory.Entry;
import org.migrationconsole.api.check.Directory.Scope;
import org.osgi.service.component.annotations.Component;

/** Catalog 4.4a: deletes the WMI filters PostSP2 and PreSP2 and clears gPCWQLFilter where a GPO uses them. */
@Component(service = MigrationAction.class)
public class DeleteWmiFiltersAction implements MigrationAction {

    static final Set<String> NAMES = Set.of("postsp2", "presp2");

    @Override
    public String id() {
        return "move.delete-wmi-filters";
    }

    @Override
    public String stepId() {
        return "move";
    }

    @Override
    public String title() {
        return "Delete the SBS WMI filters PostSP2 and PreSP2";
    }

    @Override
    public String description() {
        return "Unbinds the filters from every GPO that uses them (gPCWQLFilter), then deletes the msWMI-Som objects.";
    }

    @Override
    public Optional<String> taskId() {
        return Optional.of("move.wmi-filters");
    }

    @Override
    public Optional<String> checkId() {
        return Optional.of("domain.wmi-filters");
    }

    @Override
    public ActionPlan plan(ActionContext ctx) throws Exception {
        WritableDirectory dir = ctx.directory();
        String domain = dir.defaultNamingContext();
        Supplier<String> ids = GpoPlans.counter();
        List<Change> unbind = new ArrayList<>();
        List<Change> delete = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        List<Entry> gpcs = dir.search("CN=Policies,CN=System," + domain, Scope.ONE,
                "(&(objectClass=groupPolicyContainer)(gPCWQLFilter=*))", "gPCWQLFilter", "displayName", "uSNChanged");
        List<String[]> filters = new ArrayList<>();
        for (Entry e : dir.search("CN=SOM,CN=WMIPolicy,CN=System," + domain, Scope.ONE, "(objectClass=msWMI-Som)",
                "msWMI-Name", "msWMI-ID", "uSNChanged")) {
            String name = e.first("msWMI-Name");
            if (name != null && NAMES.contains(name.strip().toLowerCase(Locale.ROOT))) {
                filters.add(new String[] {e.dn(), name, e.first("msWMI-ID"), e.first("uSNChanged")});
            }
        }
        for (Entry g : gpcs) {
            String v = g.first("gPCWQLFilter");
            for (String[] f : filters) {
                if (f[2] != null && v.toLowerCase(Locale.ROOT).contains(f[2].toLowerCase(Locale.ROOT))) {
                    unbind.add(new DirectoryChange("", DirectoryChange.Operation.MODIFY, g.dn(), List.of(
                            AttributeChange.replace("gPCWQLFilter", List.of(v), List.of())), g.first("uSNChanged"),
                            "'" + g.first("displayName") + "' uses " + f[1]));
                }
            }
        }
        List<Change> changes = new ArrayList<>();
        for (Change c : unbind) {
            DirectoryChange d = (DirectoryChange) c;
            changes.add(new DirectoryChange(ids.get(), d.operation(), d.dn(), d.attributes(), d.expectedUsnChanged(),
                    d.note()));
        }
        for (String[] f : filters) {
            delete.add(new DirectoryChange(ids.get(), DirectoryChange.Operation.DELETE, f[0], List.of(AttributeChange
                    .replace("msWMI-Name", List.of(f[1]), List.of())), f[3], "WMI filter " + f[1]));
        }
        changes.addAll(delete);
        if (filters.isEmpty()) {
            notes.add("the WMI filters PostSP2 and PreSP2 are not in the domain");
        }
        return new ActionPlan(id(), ctx.now(), ctx.options().asMap(), changes, notes);
    }
}
