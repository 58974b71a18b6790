package org.migrationconsole.step.join.internal;

import java.util.List;

import org.migrationconsole.api.step.DeclaredStep;
import org.migrationconsole.api.step.MigrationStep;
import org.migrationconsole.api.step.StepInput;
import org.migrationconsole.api.step.TaskDescriptor;
import org.migrationconsole.api.step.TaskKind;
import org.migrationconsole.step.join.internal.clients.Classifier;
import org.migrationconsole.step.join.internal.clients.Marks;
import org.osgi.service.component.annotations.Component;

/** Step 3: connect the client computers to the destination server (catalog step 3). */
@Component(service = MigrationStep.class)
public class JoinComputersStep extends DeclaredStep {

    private static final List<TaskDescriptor> TASKS = List.of(
            TaskDescriptor.builder("join.connector")
                    .title("Install the Connector on every client computer")
                    .description("On each client, in the domain or not, open a browser at http://<destination>/connect"
                            + " and install the Windows Server Connector. Record each computer as connected, or as"
                            + " excluded with a reason ('clients mark NAME connected|excluded --reason TEXT'); the"
                            + " task completes when check clients.accounted finds every active computer (enabled,"
                            + " not stale, not a domain controller) accounted for.")
                    .kind(TaskKind.CHECK_GATED).after("install.dc-health", "install.verify-fsmo", "install.replica-transfer-fsmo").source("catalog 3.1").build(),
            TaskDescriptor.builder("join.legacy-clients")
                    .title("Deal with Windows XP and Vista clients")
                    .description("The Connector does not run on Windows XP or Windows Vista (nor on Windows 2000)."
                            + " Such computers that are already in the domain can leave this step out; mark each"
                            + " excluded with its reason ('clients mark NAME excluded --reason TEXT') so they are not"
                            + " forgotten later.")
                    .optional().after("install.run-setup", "install.replica-configure").source("catalog 3.1a").build(),
            TaskDescriptor.builder("join.verify-group-policy")
                    .title("Check that clients take Group Policy from the destination")
                    .description("Needed only if GPOs you created on the source (folder redirection, for example) must"
                            + " reach clients, and only while both servers are online: run GPRESULT /R on each client"
                            + " and look for the destination's name after \"Group Policy was applied from:\". If the"
                            + " source still shows, run gpupdate /force and look again; if that does not help, open"
                            + " rsop.msc, expand the node marked with an X and read View Error.")
                    .optional().after("join.connector").source("catalog 3.2, 3.2a").build());

    private static final List<StepInput> INPUTS = List.of(
            StepInput.matching(Marks.STALE_DAYS_INPUT, "Stale after (days without a logon)",
                    "A computer account with no logon for more than this many days is stale and need not be"
                            + " accounted for (empty: " + Classifier.DEFAULT_STALE_DAYS + "; a choice of this console,"
                            + " not a Microsoft figure; lastLogonTimestamp lags by up to 14 days).",
                    "[1-9][0-9]{0,3}", "a whole number of days from 1 to 9999"));

    public JoinComputersStep() {
        super("join", 300, "Join computers to the new server",
                "Connect every supported client computer to the destination with the Connector and check that"
                + " Group Policy now comes from the new server.", TASKS, INPUTS);
    }
}
