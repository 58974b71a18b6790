package org.migrationconsole.step.prepare.internal;

import static org.migrationconsole.api.step.TaskKind.CHECK_GATED;
import static org.migrationconsole.api.step.TaskKind.SERVER_CHANGE;

import java.util.List;

import org.migrationconsole.api.step.MigrationClock;
import org.migrationconsole.api.step.DeclaredStep;
import org.migrationconsole.api.step.MigrationStep;
import org.migrationconsole.api.step.StepInput;
import org.migrationconsole.api.step.TaskDescriptor;
import org.osgi.service.component.annotations.Component;

/** Step 1: get the SBS 2003 server into a state the migration accepts (catalog step 1). */
@Component(service = MigrationStep.class)
public class PrepareSourceStep extends DeclaredStep {

    private static final List<TaskDescriptor> TASKS = List.of(
            TaskDescriptor.builder("prepare.backup")
                    .title("Back up the source server and prove the backup")
                    .description("Take a full backup of the SBS 2003 server. Then restore a handful of random files"
                            + " to another folder and compare them with the originals: a backup that was never"
                            + " restored is not yet a backup. The preparation tool changes the schema for good,"
                            + " so this must come first.")
                    .source("catalog 1.1, 1.6a").build(),
            TaskDescriptor.builder("prepare.sbs-sp1")
                    .title("Install Windows SBS 2003 SP1")
                    .description("SBS 2003 SP1 goes on before Windows Server 2003 SP2 so that the right .NET"
                            + " Framework ends up installed. Back up before any service pack.")
                    .after("prepare.backup").source("catalog 1.2b").build(),
            TaskDescriptor.builder("prepare.windows-sp2")
                    .title("Install Windows Server 2003 SP2")
                    .description("Without SP2 the server is not eligible and the preparation tool reports it. See"
                            + " KB 948496 for network problems after SP2 and KB 939421 for known issues.")
                    .kind(CHECK_GATED).after("prepare.sbs-sp1").source("catalog 1.2c").build(),
            TaskDescriptor.builder("prepare.exchange-sp2")
                    .title("Install Exchange Server 2003 SP2")
                    .description("Exchange is not carried over, but the service pack puts it in a known"
                            + " configuration for the mail move and the later uninstall.")
                    .after("prepare.backup").source("catalog 1.2d").build(),
            TaskDescriptor.builder("prepare.wss-sp3")
                    .title("Install Windows SharePoint Services 2.0 SP3")
                    .description("Brings Companyweb to a known level. Windows Server Essentials does not migrate"
                            + " SharePoint Services 3.0 or WSUS 3.0 directly.")
                    .after("prepare.backup").source("catalog 1.2e").build(),
            TaskDescriptor.builder("prepare.msxml6")
                    .title("Install MSXML 6.0 SP1")
                    .description("A prerequisite the source must have before the preparation tool runs.")
                    .after("prepare.backup").source("catalog 1.2f").build(),
            TaskDescriptor.builder("prepare.windows-update")
                    .title("Install the remaining updates from Windows Update")
                    .description("Check for updates, install them, accept the licence terms, restart when asked,"
                            + " and confirm the list under View installed updates.")
                    .after("prepare.windows-sp2").source("catalog 1.2a").build(),
            TaskDescriptor.builder("prepare.network")
                    .title("Put a router in front and use a single network adapter")
                    .description("Unplug the broadband link from the server and install a router as the"
                            + " Internet gateway. Its LAN address must be 192.168.x.1 or 192.168.x.254. The"
                            + " source keeps one network adapter; rerun the Configure E-mail and Internet"
                            + " Connection Wizard (Server Management, To Do List, Connect to the Internet).")
                    .kind(CHECK_GATED).after("prepare.backup").source("catalog 1.3, 1.3a, 1.3b").build(),
            TaskDescriptor.builder("prepare.disable-vpn")
                    .title("Disable the VPN on the source")
                    .description("Server Management, Internet and E-mail, Configure Remote Access: choose Disable"
                            + " remote access. Note any static routes first; they are lost with RRAS.")
                    .after("prepare.network").source("catalog 1.3c").build(),
            TaskDescriptor.builder("prepare.update-gateway")
                    .title("Point static devices and the DHCP scope at the new gateway")
                    .description("Devices with fixed addresses and the DHCP scope options still name the old"
                            + " gateway; change them to the router by hand.")
                    .after("prepare.network").source("catalog 1.3d").build(),
            TaskDescriptor.builder("prepare.dhcp-plan")
                    .title("Decide where DHCP runs during the migration")
                    .description("If the SBS server hands out addresses, it keeps doing so until it is removed;"
                            + " the router takes over afterwards (step 6). If the router already does DHCP,"
                            + " leave it there.")
                    .kind(CHECK_GATED).source("catalog 1.3e").build(),
            TaskDescriptor.builder("prepare.sbs-bpa")
                    .title("Run the SBS 2003 Best Practices Analyzer and fix what it finds")
                    .description("Update the analyzer, start a scan with a label you will recognise, and read"
                            + " the list and tree reports (Exchange, Update Services, network, SharePoint, SQL"
                            + " Server). On plain Windows Server 2003 Standard use the Support Tools instead.")
                    .after("prepare.windows-update").source("catalog 1.4").build(),
            TaskDescriptor.builder("prepare.support-tools")
                    .title("Check domain health with Netdiag, Dcdiag and Repadmin")
                    .description("Correct every problem these tools report before going further.")
                    .kind(CHECK_GATED).after("prepare.windows-sp2").source("catalog 1.4a").build(),
            TaskDescriptor.builder("prepare.time-sync")
                    .title("Keep the source clock within 5 minutes of the destination")
                    .description("Same date, same time zone, at most five minutes apart (and the VM host too if"
                            + " the source is virtual). On the source: w32tm /config /syncfromflags:domhier"
                            + " /reliable:no /update, then restart the w32time service.")
                    .kind(CHECK_GATED).source("catalog 1.5").build(),
            TaskDescriptor.builder("prepare.mpt-account")
                    .title("Use an account in Enterprise, Schema and Domain Admins")
                    .description("The account that runs the preparation tool needs all three groups (Member Of"
                            + " tab). Log off and on after changing it. The Netlogon service must be running.")
                    .kind(CHECK_GATED).source("catalog 1.6b").build(),
            TaskDescriptor.builder("prepare.mpt-prerequisites")
                    .title("Install the current Windows Update Agent and its prerequisites")
                    .description("Recommended: Windows PowerShell 2.0 (Windows Management Framework), the"
                            + " Microsoft Baseline Configuration Analyzer 2.0, then the current Windows Update"
                            + " Agent (KB 949104).")
                    .optional().after("prepare.windows-sp2").source("catalog 1.6c").build(),
            TaskDescriptor.builder("prepare.run-mpt")
                    .title("Run the Migration Preparation Tool until it reports no errors")
                    .description("From the Windows Server Essentials DVD1 run \\support\\tools\\sourcetool.msi,"
                            + " tick that you have a backup, and let it extend the schema. Fix every error and"
                            + " scan again; fix warnings where you can. Completing this task starts the"
                            + " 14-day window in which the destination must be installed.")
                    .kind(SERVER_CHANGE).startsClock(MigrationClock.PREPARATION_TOOL)
                    .after("prepare.backup", "prepare.windows-sp2", "prepare.exchange-sp2", "prepare.wss-sp3",
                            "prepare.msxml6", "prepare.windows-update", "prepare.network", "prepare.sbs-bpa",
                            "prepare.support-tools", "prepare.time-sync", "prepare.mpt-account")
                    .source("catalog 1.6, 1.6d-1.6h").build(),
            TaskDescriptor.builder("prepare.lob-plan")
                    .title("Plan the line-of-business applications")
                    .description("List each application or data folder with its data path (look in Program"
                            + " Files and Program Files (x86)), ask the vendors about the new server and find"
                            + " the install media.")
                    .source("catalog 1.7").build(),
            TaskDescriptor.builder("prepare.email-plan")
                    .title("Decide where e-mail goes")
                    .description("Windows Server Essentials has no mailbox service. Choose Office 365 or another"
                            + " on-premises Exchange server; the SBS POP3 Connector does not survive.")
                    .source("catalog 1.8, 1.8c").build(),
            TaskDescriptor.builder("prepare.rpc-over-http")
                    .title("Enable RPC over HTTP for the Office 365 move")
                    .description("Only for Office 365. The RpcProxy ValidPorts value must name the source's"
                            + " external name with ports 6001-6002 and 6004.")
                    .optional().after("prepare.email-plan").source("catalog 1.8b").build(),
            TaskDescriptor.builder("prepare.o365-cutover")
                    .title("Finish the Office 365 cutover before installing")
                    .description("Only for Office 365: the mailbox cutover must be complete before the"
                            + " destination is installed. Public folders are not supported there.")
                    .optional().after("prepare.rpc-over-http").source("catalog 1.8a").build(),
            TaskDescriptor.builder("prepare.backup-updated")
                    .title("Back up the updated source server")
                    .description("One more full backup now that service packs, updates and the schema changes"
                            + " are in place.")
                    .after("prepare.run-mpt").source("catalog 1.9").build(),
            TaskDescriptor.builder("prepare.clear-logon-as-service")
                    .title("Replica path only: clear 'Log on as a service' and the SBS logon script")
                    .description("For the replica-domain-controller path: in the Default Domain Controllers"
                            + " Policy clear the Log on as a service setting, then delete"
                            + " SBS_LOGIN_SCRIPT.bat from the domain's SYSVOL scripts folder. Required on this path"
                            + " (the promotion waits for it); the check domain.logon-as-service must pass. The"
                            + " migration-mode path does not have this task.")
                    .onlyOnPath("b").kind(CHECK_GATED).after("prepare.backup").source("catalog 1.10").build());

    private static final List<StepInput> INPUTS = List.of(
            StepInput.matching("router-address", "Router LAN address",
                    "The new Internet gateway's address on the LAN.",
                    "192\\.168\\.(25[0-4]|2[0-4][0-9]|1[0-9][0-9]|[1-9][0-9]?)\\.(1|254)",
                    "must be 192.168.x.1 or 192.168.x.254 with x from 1 to 254"),
            StepInput.text("backup-location", "Where the verified backup is kept",
                    "Media or path and the date of the restore test."),
            StepInput.text("bpa-scan-label", "SBS BPA scan label", "The label given to the last clean scan."),
            StepInput.lines("lob-applications", "Line-of-business applications",
                    "One per line: application or data folder, path to data, notes."),
            StepInput.text("email-destination", "E-mail destination", "Office 365 or the on-premises Exchange server."));

    public PrepareSourceStep() {
        super("prepare", 100, "Prepare the source server",
                "Back up, patch and tidy the SBS 2003 server, check the network and the domain, and run the"
                + " Migration Preparation Tool.", TASKS, INPUTS);
    }
}
