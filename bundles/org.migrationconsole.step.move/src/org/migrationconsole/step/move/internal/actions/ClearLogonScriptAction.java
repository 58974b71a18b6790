package org.migrationconsole.step.move.internal.actions;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

import org.migrationconsole.actions.ad.GpoPlans;
import org.migrationconsole.api.action.ActionContext;
import org.migrationconsole.api.action.ActionPlan;
import org.migrationconsole.api.action.AttributeChange;
import org.migrationconsole.api.action.Change;
import org.migrationconsole.api.action.DirectoryChange;
import org.migrationconsole.api.action.FileChange;
import org.migrationconsole.api.action.MigrationAction;
import org.migrationconsole.api.action.WritableDirectory;
import org.migrationconsole.api.check.Directory.Entry;
import org.migrationconsole.api.check.Directory.Scope;
import org.migrationconsole.api.field.Field;
import org.migrationconsole.api.field.FieldKind;
import org.osgi.service.component.annotations.Component;

/** Catalog 4.3: clears scriptPath = SBS_LOGIN_SCRIPT.bat (any case); optionally deletes the script. */
@Component(service = MigrationAction.class)
public class ClearLogonScriptAction implements MigrationAction {

    static final String SCRIPT = "SBS_LOGIN_SCRIPT.bat";
    static final String DELETE_SCRIPT = "delete-script";

    @Override
    public String id() {
        return "move.clear-sbs-logon-script";
    }

    @Override
    public String stepId() {
        return "move";
    }

    @Override
    public String title() {
        return "Clear the SBS logon script from the users";
    }

    @Override
    public String description() {
        return "Clears the Logon script field (scriptPath) of every user whose script is " + SCRIPT
                + " (in any letter case); optionally deletes the script from NETLOGON.";
    }

    @Override
    public Optional<String> taskId() {
        return Optional.of("move.logon-scripts");
    }

    @Override
    public Optional<String> checkId() {
        return Optional.of("domain.sbs-logon-script-users");
    }

    @Override
    public List<Field> options() {
        return List.of(Field.builder(DELETE_SCRIPT).label("Also delete " + SCRIPT + " from NETLOGON")
                .help("The script is kept in the change's backup either way.").kind(FieldKind.BOOLEAN)
                .defaultValue("false").build());
    }

    @Override
    public ActionPlan plan(ActionContext ctx) throws Exception {
        WritableDirectory dir = ctx.directory();
        Supplier<String> ids = GpoPlans.counter();
        List<Change> changes = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        for (Entry e : dir.search(dir.defaultNamingContext(), Scope.SUBTREE,
                "(&(objectCategory=person)(objectClass=user)(scriptPath=*))", "scriptPath", "sAMAccountName",
                "uSNChanged")) {
            String v = e.first("scriptPath");
            if (v != null && SCRIPT.equalsIgnoreCase(v.strip())) {
                changes.add(new DirectoryChange(ids.get(), DirectoryChange.Operation.MODIFY, e.dn(), List.of(
                        AttributeChange.replace("scriptPath", List.of(v), List.of())), e.first("uSNChanged"), e.first(
                                "sAMAccountName")));
            }
        }
        if (Boolean.parseBoolean(ctx.options().get(DELETE_SCRIPT))) {
            String name = null;
            for (String f : ctx.sourceShares().list("NETLOGON", "")) {
                if (f.equalsIgnoreCase(SCRIPT)) {
                    name = f;
                }
            }
            if (name == null) {
                notes.add("NETLOGON does not hold " + SCRIPT + ": nothing to delete there");
            } else {
                byte[] b = ctx.sourceShares().read("NETLOGON", name);
                changes.add(new FileChange(ids.get(), FileChange.Operation.DELETE, "source", "NETLOGON", name,
                        org.migrationconsole.actions.ad.GptTmplEdit.sha256(b), null, b.length + " bytes"));
            }
        } else {
            notes.add(SCRIPT + " stays in NETLOGON (option " + DELETE_SCRIPT + "=true deletes it)");
        }
        if (changes.isEmpty()) {
            notes.add("no user runs " + SCRIPT);
        }
        return new ActionPlan(id(), ctx.now(), ctx.options().asMap(), changes, notes);
    }

    static Map<String, String> none() {
        return Map.of();
    }
}
