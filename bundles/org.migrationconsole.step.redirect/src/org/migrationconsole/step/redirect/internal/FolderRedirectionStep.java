package org.migrationconsole.step.redirect.internal;

import static org.migrationconsole.api.step.TaskKind.SERVER_CHANGE;

import java.util.List;

import org.migrationconsole.api.step.DeclaredStep;
import org.migrationconsole.api.step.MigrationStep;
import org.migrationconsole.api.step.StepInput;
import org.migrationconsole.api.step.TaskDescriptor;
import org.osgi.service.component.annotations.Component;

/**
 * Step 5: move folder redirection to the destination. Only needed when the source redirected
 * folders, so every task is optional (catalog step 5).
 */
@Component(service = MigrationStep.class)
public class FolderRedirectionStep extends DeclaredStep {

    private static final List<TaskDescriptor> TASKS = List.of(
            TaskDescriptor.builder("redirect.implement-policy")
                    .title("Turn on folder redirection from the Dashboard")
                    .description("Only if the source redirected user folders. In the Dashboard open DEVICES, Devices"
                            + " Tasks, Implement Group Policy, pick the folders on the Enable Folder Redirection Group"
                            + " Policy page, click Next, then Finish on the Enable Security Policy Settings page.")
                    .optional().after("move.copy-data").source("catalog 5.1").build(),
            TaskDescriptor.builder("redirect.delete-old-gpo")
                    .title("Delete the old Small Business Server Folder Redirection GPO")
                    .description("In Group Policy Management on the destination, delete the GPO called Small Business"
                            + " Server Folder Redirection. The edition of Microsoft's page that is linked today names"
                            + " it W7PVP Folder Redirection instead; that name comes from a different edition of the"
                            + " guide, so on an SBS 2003 domain look for the Small Business Server one.")
                    .optional().kind(SERVER_CHANGE).after("redirect.implement-policy").source("catalog 5.2").build(),
            TaskDescriptor.builder("redirect.users-relogon")
                    .title("Have every user log off and on again")
                    .description("Redirected folders move to the destination only after the user logs off and back on."
                            + " Get this done while both servers are still online, before the source is demoted.")
                    .optional().after("redirect.delete-old-gpo").source("catalog 5.3").build());

    private static final List<StepInput> INPUTS = List.of(
            StepInput.text("redirected-folders", "Folders redirected on the source",
                    "Which user folders the source redirected (e.g. My Documents, Desktop); choose the same ones in"
                            + " the Dashboard."));

    public FolderRedirectionStep() {
        super("redirect", 500, "Enable folder redirection",
                "If the source redirected user folders, set up redirection on the destination, remove the old SBS"
                + " policy and let users log on again so their folders move.", TASKS, INPUTS);
    }
}
