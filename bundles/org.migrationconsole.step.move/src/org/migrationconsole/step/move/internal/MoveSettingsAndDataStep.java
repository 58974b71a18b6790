package org.migrationconsole.step.move.internal;

import static org.migrationconsole.api.step.TaskKind.ARTIFACT;
import static org.migrationconsole.api.step.TaskKind.MANUAL;
import static org.migrationconsole.api.step.TaskKind.SERVER_CHANGE;

import java.util.List;

import org.migrationconsole.api.step.DeclaredStep;
import org.migrationconsole.api.step.MigrationStep;
import org.migrationconsole.api.step.StepInput;
import org.migrationconsole.api.step.TaskDescriptor;
import org.osgi.service.component.annotations.Component;

/** Step 4: move the SBS 2003 data, users and settings to the destination (catalog step 4). */
@Component(service = MigrationStep.class)
public class MoveSettingsAndDataStep extends DeclaredStep {

    private static final List<TaskDescriptor> TASKS = List.of(
            TaskDescriptor.builder("move.review-shares")
                    .title("Review the source shares and prepare the destination folders")
                    .description("Write down every shared folder on the source with its permissions, create a matching"
                            + " folder on the destination and make sure the data fits in its free space. While the"
                            + " copy runs, set the source shares to read-only for everybody. The console lists the"
                            + " shares, their sizes and permissions (data inventory) and checks the destination's free"
                            + " space for your mapping (data plan --map SHARE=DESTINATION).")
                    .after("join.connector").source("catalog 4.1").build(),
            TaskDescriptor.builder("move.copy-data")
                    .title("Copy each share to the destination with robocopy")
                    .description("Log on to the destination as a domain administrator and run, for every share,"
                            + " robocopy \\\\<source>\\<share> \\\\<destination>\\<folder> /E /B /COPY:DATSOU"
                            + " /LOG:C:\\Copyresults.txt, then read the log (it is overwritten by the next run, so"
                            + " keep a copy per share). Neither edition of Microsoft's guide prints a command that"
                            + " works (spaces inside the UNC paths, or the two paths run together): put each UNC path"
                            + " in double quotes and keep a space between them. The console writes these scripts"
                            + " for the shares of the data plan, quoted and explained, one per share and one for"
                            + " all (artifact 'robocopy scripts').")
                    .kind(MANUAL).after("move.review-shares").source("catalog 4.1a").build(),
            TaskDescriptor.builder("move.import-users")
                    .title("Import user accounts the Dashboard did not pick up")
                    .description("Accounts normally appear in the Dashboard on their own, except those whose"
                            + " properties fail the migration requirements. For each missing one run Import-WssUser"
                            + " -SamAccountName <user name> in an elevated Windows PowerShell; Microsoft does not say"
                            + " what the requirements actually are.")
                    .optional().unverified(true).after("install.run-setup", "install.replica-configure").source("catalog 4.2").build(),
            TaskDescriptor.builder("move.logon-scripts")
                    .title("Clear the old SBS logon script from user accounts")
                    .description("SBS 2003 set a logon script only on accounts made with the Add New Users Wizard. For"
                            + " each of them open Active Directory Users and Computers, Users, the user's Properties,"
                            + " Profile tab, and empty the Logon script box. Rename any script you customised and"
                            + " still want, so it is not lost.")
                    .optional().kind(SERVER_CHANGE).after("move.copy-data").source("catalog 4.3").build(),
            TaskDescriptor.builder("move.legacy-gpos")
                    .title("Delete the old Small Business Server GPOs on the source")
                    .description("On the source go to Server Management, Advanced Management, Group Policy Management,"
                            + " Forest, Domains, <domain>, Group Policy Objects, save a copy of any GPO you changed,"
                            + " and delete Small Business Server Auditing Policy, Small Business Server Client"
                            + " Computer, Small Business Server Domain Password Policy, Small Business Server Internet"
                            + " Connection Firewall, Small Business Server Lockout Policy, Small Business Server"
                            + " Remote Assistance Policy and Small Business Server Windows Firewall. On SBS 2003 R2"
                            + " also delete Small Business Server Update Services Client Computer Policy, Small"
                            + " Business Server Update Services Common Settings Policy and Small Business Server"
                            + " Update Services Server Computer Policy. Do it before the source is demoted, and from"
                            + " then on set the password policy in the Dashboard, which stores it in the Default"
                            + " Domain Policy.")
                    .optional().kind(SERVER_CHANGE).after("move.copy-data").source("catalog 4.4").build(),
            TaskDescriptor.builder("move.wmi-filters")
                    .title("Delete the PostSP2 and PreSP2 WMI filters on the source")
                    .description("In the same Group Policy Management console on the source, delete the WMI filters"
                            + " PostSP2 and PreSP2 and check they are gone. Microsoft's page then asks you to confirm"
                            + " that \"three\" filters were removed but names only these two; note in this task's"
                            + " history if you find a third SBS filter.")
                    .optional().kind(SERVER_CHANGE).after("move.legacy-gpos").source("catalog 4.4a").build(),
            TaskDescriptor.builder("move.anywhere-access")
                    .title("Set up Anywhere Access and the router")
                    .description("In the Dashboard open Home, SETUP, Set up Anywhere Access and click to configure it;"
                            + " the wizard sets up the router and the domain name. If it shows a yellow warning"
                            + " because the router has no UPnP, set up port forwarding by hand: TCP 80 (HTTP) and 443"
                            + " (HTTPS) go to the destination, plus port 25 to the separate on-premises Exchange"
                            + " server if there is one. On the replica path, make the source give up the Internet"
                            + " domain name first, otherwise both servers fight over its dynamic DNS record.")
                    .after("install.run-setup", "install.replica-configure").source("catalog 4.5").build(),
            TaskDescriptor.builder("move.map-computers")
                    .title("Give each user access to the right computers")
                    .description("SBS 2003 Remote Web Workplace showed every computer to every user; Essentials shows"
                            + " only the ones assigned. For each user open the account properties from the Dashboard's"
                            + " Users tab, on the Anywhere Access tab allow Remote Web Access and web services"
                            + " applications (shared folders, computers, homepage links), then choose the computers on"
                            + " the Computer access tab and click Apply.")
                    .after("move.anywhere-access").source("catalog 4.6").build());

    private static final List<StepInput> INPUTS = List.of(
            StepInput.lines("shares", "Shares to copy",
                    "One per line: the source share and the destination folder, separated by a comma, e.g."
                            + " \\\\SBS01\\Company, \\\\WSE01\\Company. The robocopy commands are built from this."),
            StepInput.text("public-domain", "Public domain name",
                    "The Internet domain name set up for Anywhere Access, e.g. remote.contoso.com."));

    public MoveSettingsAndDataStep() {
        super("move", 400, "Move settings and data",
                "Copy the shared data to the destination, tidy the old SBS logon scripts, GPOs and WMI filters, and"
                + " set up Anywhere Access for the users.", TASKS, INPUTS);
    }
}
