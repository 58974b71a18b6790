package org.migrationconsole.step.post.internal;

import static org.migrationconsole.api.step.TaskKind.SERVER_CHANGE;

import java.util.List;

import org.migrationconsole.api.step.DeclaredStep;
import org.migrationconsole.api.step.MigrationStep;
import org.migrationconsole.api.step.StepInput;
import org.migrationconsole.api.step.TaskDescriptor;
import org.osgi.service.component.annotations.Component;

/** Step 7: clean up after the source has gone (catalog step 7). */
@Component(service = MigrationStep.class)
public class PostMigrationStep extends DeclaredStep {

    private static final List<TaskDescriptor> TASKS = List.of(
            TaskDescriptor.builder("post.dns-cleanup")
                    .title("Remove the source server from DNS")
                    .description("In DNS Manager on the destination open the server's Properties and take the source"
                            + " off the Forwarders tab. Then open the Properties of every forward lookup zone and"
                            + " every reverse lookup zone and remove the source from the Name Servers tab.")
                    .kind(SERVER_CHANGE).after("demote.remove-source").source("catalog 7.1").build(),
            TaskDescriptor.builder("post.share-folders")
                    .title("Share the line-of-business and data folders")
                    .description("Share the copied application and data folders and set both the share and the NTFS"
                            + " permissions; they then appear under Storage in the Dashboard. Change any logon script"
                            + " that maps drives so it points at the new shares.")
                    .after("move.copy-data").source("catalog 7.2").build(),
            TaskDescriptor.builder("post.isa-clients")
                    .title("Remove the ISA Firewall Client and proxy settings from clients")
                    .description("Only for SBS 2003 Premium with ISA Server: the Microsoft Firewall Client is still"
                            + " installed on clients and Internet Explorer still sends traffic to a proxy on the old"
                            + " server. Remove the Firewall Client, then in Internet Options, Connections, LAN"
                            + " Settings either clear every setting or enter the new proxy's full name with port 80.")
                    .optional().after("demote.remove-source").source("catalog 7.3").build(),
            TaskDescriptor.builder("post.batch-logon-right")
                    .title("Give Administrators the \"Log on as a batch job\" right")
                    .description("Edit the Default Domain Controllers Policy and, under User Rights Assignment, add"
                            + " the built-in Administrators group to Log on as a batch job. The destination needs this"
                            + " to run its alerts while nobody is logged on.")
                    .kind(SERVER_CHANGE).after("demote.remove-source").source("catalog 7.4").build());

    private static final List<StepInput> INPUTS = List.of(
            StepInput.lines("folders", "Folders to share",
                    "One per line: folder path, share name and who gets access, e.g. D:\\ServerFolders\\Accounts,"
                            + " Accounts, Finance group read/write."));

    public PostMigrationStep() {
        super("post", 700, "Post-migration tasks",
                "Remove what is left of the source from DNS, share the data folders and fix the last settings the"
                + " old server leaves behind.", TASKS, INPUTS);
    }
}
