package org.migrationconsole.step.prepare.internal.actions;

import java.util.List;
import java.util.Optional;

import org.migrationconsole.actions.ad.GpoPlans;
import org.migrationconsole.actions.ad.GptTmplEdit;
import org.migrationconsole.api.action.ActionContext;
import org.migrationconsole.api.action.ActionPlan;
import org.migrationconsole.api.action.Change;
import org.migrationconsole.api.action.MigrationAction;
import org.osgi.service.component.annotations.Component;

/**
 * Catalog 1.10 (path B): clears "Log on as a service" (SeServiceLogonRight) in the Default Domain
 * Controllers Policy's GptTmpl.inf, in the file's own encoding, and raises the GPO's machine version.
 */
@Component(service = MigrationAction.class)
public class ClearLogonAsServiceAction implements MigrationAction {

    @Override
    public String id() {
        return "prepare.clear-logon-as-service";
    }

    @Override
    public String stepId() {
        return "prepare";
    }

    @Override
    public String title() {
        return "Clear 'Log on as a service' in the Default Domain Controllers Policy";
    }

    @Override
    public String description() {
        return "Removes SeServiceLogonRight from the policy's security template (GptTmpl.inf, kept in its encoding)"
                + " and raises the GPO's machine version (GPT.INI and versionNumber) so that the DCs apply it.";
    }

    @Override
    public Optional<String> taskId() {
        return Optional.of("prepare.clear-logon-as-service");
    }

    @Override
    public Optional<String> checkId() {
        return Optional.of("domain.logon-as-service");
    }

    @Override
    public ActionPlan plan(ActionContext ctx) throws Exception {
        List<Change> changes = GptTmplEdit.plan(ctx.directory(), ctx.sourceShares(), GptTmplEdit.DEFAULT_DC_POLICY,
                (text, nl) -> GptTmplEdit.removeKey(text, "Privilege Rights", "SeServiceLogonRight"),
                "SeServiceLogonRight removed", GpoPlans.counter());
        return new ActionPlan(id(), ctx.now(), ctx.options().asMap(), changes, changes.isEmpty() ? List.of(
                "the policy does not set SeServiceLogonRight") : List.of());
    }
}
