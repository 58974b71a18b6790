package org.example.step.companyweb.internal;

import static org.migrationconsole.api.step.TaskKind.ARTIFACT;

import java.util.List;

import org.migrationconsole.api.step.MigrationStep;
import org.migrationconsole.api.step.StepInput;
import org.migrationconsole.api.step.TaskDescriptor;
import org.osgi.service.component.annotations.Component;

/**
 * An example partner step: an inventory of the Companyweb site (Windows SharePoint Services 2.0
 * on SBS 2003), which the migration to Windows Server Essentials does not carry over. Order 150
 * puts it between "Prepare the source server" (100) and "Install the destination server" (200);
 * its first task waits for the standard task {@code prepare.backup}.
 */
@Component(service = MigrationStep.class)
public class CompanywebInventoryStep implements MigrationStep {

    static final String ID = "companyweb";

    private static final List<TaskDescriptor> TASKS = List.of(
            TaskDescriptor.builder("companyweb.inventory")
                    .title("Inventory the Companyweb site")
                    .description("List Companyweb's sites, document libraries, lists and their sizes (Site"
                            + " Settings, Manage sites and workspaces; or stsadm -o enumsites). Companyweb runs"
                            + " on Windows SharePoint Services 2.0 in the SHAREPOINT MSDE instance (databases"
                            + " STS_Config and STS_<server>_1); Windows Server Essentials does not migrate it.")
                    .kind(ARTIFACT).after("prepare.backup").source("partner example").build(),
            TaskDescriptor.builder("companyweb.decide-destination")
                    .title("Decide where each library goes")
                    .description("For each library or list: SharePoint Online, a file share on the destination,"
                            + " or an archive only. Record the decision in the step's notes.")
                    .after("companyweb.inventory").source("partner example").build(),
            TaskDescriptor.builder("companyweb.export")
                    .title("Export the content before the source is demoted")
                    .description("Save the libraries (Explorer view or stsadm -o backup) to a share on the"
                            + " destination and check that the files open there.")
                    .kind(ARTIFACT).after("companyweb.decide-destination").source("partner example")
                    .build());

    private static final List<StepInput> INPUTS = List.of(
            StepInput.text("companyweb-url", "Companyweb address", "Usually http://companyweb."),
            StepInput.lines("libraries", "Libraries and lists", "One per line: name, size, destination."));

    @Override
    public String id() {
        return ID;
    }

    @Override
    public int order() {
        return 150;
    }

    @Override
    public String title() {
        return "Companyweb inventory (partner)";
    }

    @Override
    public String description() {
        return "Inventory the Companyweb (Windows SharePoint Services 2.0) site that the migration does not carry"
                + " over, decide where its content goes and export it while the source still runs.";
    }

    @Override
    public List<TaskDescriptor> tasks() {
        return TASKS;
    }

    @Override
    public List<StepInput> inputs() {
        return INPUTS;
    }
}
