package org.migrationconsole.step.demote.internal.actions;

import java.util.List;
import java.util.Optional;

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

/**
 * Catalog 6.4a: deletes the source server's computer object (with what is below it, e.g. a
 * published printer) once it is no longer a domain controller. Undo brings it back from its
 * tombstone, so it keeps its objectGUID and objectSid.
 */
@Component(service = MigrationAction.class)
public class DeleteSourceComputerAction implements MigrationAction {

    /** userAccountControl SERVER_TRUST_ACCOUNT: a domain controller's account. */
    static final int SERVER_TRUST_ACCOUNT = 0x2000;

    @Override
    public String id() {
        return "demote.delete-source-computer";
    }

    @Override
    public String stepId() {
        return "demote";
    }

    @Override
    public String title() {
        return "Delete the source server's computer object";
    }

    @Override
    public Optional<String> taskId() {
        return Optional.of("demote.delete-computer-object");
    }

    @Override
    public ActionPlan plan(ActionContext ctx) throws Exception {
        WritableDirectory dir = ctx.directory();
        String host = ctx.profile().sourceHost();
        String label = host.contains(".") ? host.substring(0, host.indexOf('.')) : host;
        List<Entry> found = dir.search(dir.defaultNamingContext(), Scope.SUBTREE, "(&(objectClass=computer)"
                + "(sAMAccountName=" + label + "$))", "userAccountControl", "uSNChanged", "dNSHostName",
                "sAMAccountName");
        if (found.isEmpty()) {
            return new ActionPlan(id(), ctx.now(), ctx.options().asMap(), List.of(), List.of("no computer object "
                    + label + "$ in the domain"));
        }
        Entry c = found.get(0);
        int uac = Integer.parseInt(c.first("userAccountControl"));
        if ((uac & SERVER_TRUST_ACCOUNT) != 0) {
            throw new IllegalStateException(c.dn() + " is still a domain controller's account (userAccountControl "
                    + uac + " has SERVER_TRUST_ACCOUNT): demote the source first");
        }
        List<Change> changes = List.of(new DirectoryChange(GpoPlans.counter().get(),
                DirectoryChange.Operation.DELETE_TREE, c.dn(), List.of(AttributeChange.replace("sAMAccountName", List
                        .of(c.first("sAMAccountName")), List.of())), c.first("uSNChanged"),
                "the demoted source's computer account"));
        return new ActionPlan(id(), ctx.now(), ctx.options().asMap(), changes, List.of());
    }
}
