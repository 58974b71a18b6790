package org.migrationconsole.step.demote.internal;

import static org.migrationconsole.api.step.TaskKind.CHECK_GATED;
import static org.migrationconsole.api.step.TaskKind.SERVER_CHANGE;

import java.util.List;

import org.migrationconsole.api.step.MigrationClock;
import org.migrationconsole.api.step.DeclaredStep;
import org.migrationconsole.api.step.MigrationStep;
import org.migrationconsole.api.step.StepInput;
import org.migrationconsole.api.step.TaskDescriptor;
import org.osgi.service.component.annotations.Component;

/** Step 6: strip the source server down, demote it and take it off the network (catalog step 6). */
@Component(service = MigrationStep.class)
public class DemoteSourceStep extends DeclaredStep {

    private static final List<TaskDescriptor> TASKS = List.of(
            TaskDescriptor.builder("demote.uninstall-exchange")
                    .title("Uninstall Exchange Server 2003 from the source")
                    .description("Removing Exchange clears its entries out of Active Directory, and it refuses to go"
                            + " while any mailbox or public folder is left, so first move the mailboxes of users"
                            + " created after the mail move. Then open Add or Remove Programs, select Windows Small"
                            + " Business Server 2003, click Change/Remove and Next until Component Selection, set"
                            + " Exchange Server to Remove, click Next and insert Windows SBS 2003 CD#3 when asked.")
                    .kind(CHECK_GATED).after("move.copy-data", "prepare.email-plan").source("catalog 6.1, 6.1a").build(),
            TaskDescriptor.builder("demote.printers")
                    .title("Move the printers off the source")
                    .description("Disconnect every printer plugged straight into the source and make sure no Active"
                            + " Directory printer objects are left for them. Attach them to the destination and share"
                            + " them from there.")
                    .after("join.connector").source("catalog 6.2").build(),
            TaskDescriptor.builder("demote.gpupdate")
                    .title("Refresh Group Policy on every client")
                    .description("With both servers still on the network, run gpupdate /force on each client computer."
                            + " Some clients need a log off and log on before it takes effect.")
                    .after("redirect.users-relogon", "move.legacy-gpos", "move.wmi-filters")
                    .source("catalog 6.3").build(),
            TaskDescriptor.builder("demote.remove-adcs")
                    .title("Replica path only: remove Active Directory Certificate Services")
                    .description("In Server Manager use Remove Roles, taking off Certification Authority Web"
                            + " Enrollment before the certification authority itself, and restart even if you are not"
                            + " prompted. You need the rights of the account that installed it, or Enterprise Admins"
                            + " membership for an enterprise CA.")
                    .optional().kind(SERVER_CHANGE).after("install.run-setup", "install.replica-configure").source("catalog 6B").build(),
            TaskDescriptor.builder("demote.dcpromo")
                    .title("Demote the source with dcpromo")
                    .description("On the source run dcpromo, click Next twice and leave \"This server is the last"
                            + " domain controller in the domain\" unticked: the destination stays as the domain"
                            + " controller. Give the new local Administrator account a password, click Finish and"
                            + " restart, then move the server into a workgroup and unplug it from the network.")
                    .after("demote.uninstall-exchange", "demote.printers", "demote.gpupdate", "demote.remove-adcs",
                            "move.logon-scripts")
                    .source("catalog 6.4").build(),
            TaskDescriptor.builder("demote.delete-computer-object")
                    .title("Delete the source's computer account")
                    .description("On the destination open Active Directory Users and Computers, expand the domain and"
                            + " then Computers, delete the source server's object if it is still listed, and check"
                            + " that it is really gone.")
                    .kind(SERVER_CHANGE).after("demote.dcpromo").source("catalog 6.4a").build(),
            TaskDescriptor.builder("demote.move-dhcp")
                    .title("Hand DHCP over to the router")
                    .description("Skip this if the router already gives out addresses. Otherwise, in Services on the"
                            + " source set the DHCP Server service to Disabled and stop it (Microsoft's text says"
                            + " \"Windows Server\" here, meaning the DHCP Server service), then switch on DHCP in the"
                            + " router with the same address range. If the destination has no static address or"
                            + " reservation its address may change, so check the router's port forwarding.")
                    .optional().after("demote.dcpromo").source("catalog 6.5").build(),
            TaskDescriptor.builder("demote.remove-source")
                    .title("Switch off the source and restart the destination")
                    .description("Shut the source down, disconnect it and then restart the destination. Keep the old"
                            + " server unformatted for at least 7 days in case something was missed, and reformat it"
                            + " before reusing it, since a demoted SBS server is not left healthy. Completing this"
                            + " task stops the 21-day removal clock and starts the 7-day hold.")
                    .stopsClock(MigrationClock.DESTINATION_INSTALLED).startsClock(MigrationClock.SOURCE_REMOVED)
                    .after("demote.dcpromo", "demote.delete-computer-object", "demote.move-dhcp").source("catalog 6.6")
                    .build());

    private static final List<StepInput> INPUTS = List.of(
            StepInput.text("dhcp-range", "DHCP address range",
                    "First and last address of the source's DHCP scope, to set up on the router, e.g."
                            + " 192.168.16.100-192.168.16.199."),
            StepInput.text("source-local-admin-hint", "Where the source's local Administrator password is kept",
                    "Say where the password chosen during dcpromo is stored (password manager entry, sealed"
                            + " envelope...). Never type the password itself here: inputs are kept in the journal"
                            + " as plain text."));

    public DemoteSourceStep() {
        super("demote", 600, "Demote and remove the source server",
                "Remove Exchange and the printers from the source, refresh Group Policy, demote it with dcpromo and"
                + " take it off the network before the 21 days run out.", TASKS, INPUTS);
    }
}
