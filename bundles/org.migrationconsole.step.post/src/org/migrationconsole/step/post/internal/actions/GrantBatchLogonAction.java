package org.migrationconsole.step.post.internal.actions;

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
 * Catalog 7.4: gives built-in Administrators (*S-1-5-32-544) "Log on as a batch job"
 * (SeBatchLogonRight) in the Default Domain Controllers Policy, in the template's own encoding, and
 * raises the GPO's machine version.
 */
@Component(service = MigrationAction.class)
public class GrantBatchLogonAction implements MigrationAction {

    static final String ADMINISTRATORS = "*S-1-5-32-544";

    @Override
    public String id() {
        return "post.grant-batch-logon";
    }

    @Override
    public String stepId() {
        return "post";
    }

    @Override
    public String title() {
        return "Give Administrators 'Log on as a batch job' in the Default Domain Controllers Policy";
    }

    @Override
    public String description() {
        return "Adds " + ADMINISTRATORS + " to SeBatchLogonRight in the policy's GptTmpl.inf (kept in its encoding)"
                + " and raises the GPO's machine version (GPT.INI and versionNumber).";
    }

    @Override
    public Optional<String> taskId() {
        return Optional.of("post.batch-logon-right");
    }

    @Override
    public ActionPlan plan(ActionContext ctx) throws Exception {
        List<Change> changes = GptTmplEdit.plan(ctx.directory(), ctx.sourceShares(), GptTmplEdit.DEFAULT_DC_POLICY,
                (text, nl) -> GptTmplEdit.addListValue(text, "Privilege Rights", "SeBatchLogonRight", ADMINISTRATORS,
                        nl), ADMINISTRATORS + " added to SeBatchLogonRight", GpoPlans.counter());
        return new ActionPlan(id(), ctx.now(), ctx.options().asMap(), changes, changes.isEmpty() ? List.of(
                "SeBatchLogonRight already includes " + ADMINISTRATORS) : List.of());
    }
}
