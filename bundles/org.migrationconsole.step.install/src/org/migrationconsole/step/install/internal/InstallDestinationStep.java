package org.migrationconsole.step.install.internal;

import static org.migrationconsole.api.step.TaskKind.ARTIFACT;
import static org.migrationconsole.api.step.TaskKind.CHECK_GATED;
import static org.migrationconsole.api.step.TaskKind.MANUAL;
import static org.migrationconsole.api.step.TaskKind.SERVER_CHANGE;

import java.util.List;

import org.migrationconsole.api.step.MigrationClock;
import org.migrationconsole.api.step.DeclaredStep;
import org.migrationconsole.api.step.MigrationStep;
import org.migrationconsole.api.step.StepInput;
import org.migrationconsole.api.step.TaskDescriptor;
import org.osgi.service.component.annotations.Component;

/**
 * Step 2: install Windows Server Essentials on the destination, in migration mode or as a
 * replica domain controller, and check the result (catalog step 2).
 */
@Component(service = MigrationStep.class)
public class InstallDestinationStep extends DeclaredStep {

    private static final List<TaskDescriptor> TASKS = List.of(
            TaskDescriptor.builder("install.check-prerequisites")
                    .title("Check that the destination can host Windows Server Essentials")
                    .description("A network may hold only one Windows Server Essentials server, and that server has to"
                            + " be a domain controller. The machine (or virtual machine) must be 64-bit. The checks"
                            + " domain.capacity (users and devices within the edition's limits) and"
                            + " domain.functional-level (Windows Server 2003 or higher, or a 2012+ DC cannot join) gate"
                            + " it on both paths.")
                    .kind(CHECK_GATED).after("prepare.run-mpt").source("catalog 2.0").build(),
            TaskDescriptor.builder("install.answer-file")
                    .title("Create the migration answer file")
                    .description("Setup in migration mode reads an answer file that holds the administrator account"
                            + " and password it logs on with by itself. Save it as cfg.ini (not cfg.ini.txt), in ANSI"
                            + " or Unicode but not UTF-8, at the root of a USB stick or of a disk in the new server."
                            + " Microsoft never published the migration-only keys (source server, source"
                            + " administrator), so compare the generated file with what your DVD expects.")
                    .kind(ARTIFACT).unverified(true).onlyOnPath("a").after("prepare.run-mpt")
                    .source("catalog 2.6a, 3.1").build(),
            TaskDescriptor.builder("install.run-setup")
                    .title("Install Windows Server Essentials in migration mode")
                    .description("Start the server from DVD1 (or from a USB stick prepared with the Windows 7 USB/DVD"
                            + " Download Tool, which can also hold the answer file), pick New Installation, then"
                            + " Server migration, and click Close when setup reports the server was migrated; setup"
                            + " joins the domain, takes over the FSMO roles and turns the server into the"
                            + " site-licensing server and a global catalog. While it runs, keep its clock within 5"
                            + " minutes of the source, and if the desktop locks, unlock it as the built-in"
                            + " Administrator with an empty password. It has to happen within 14 days of the last"
                            + " clean preparation tool run, and completing this task starts the 21-day clock by which"
                            + " the source server must be gone.")
                    .kind(MANUAL).onlyOnPath("a").gatedBy(MigrationClock.PREPARATION_TOOL)
                    .stopsClock(MigrationClock.PREPARATION_TOOL).startsClock(MigrationClock.DESTINATION_INSTALLED)
                    .after("prepare.run-mpt", "prepare.backup-updated", "prepare.time-sync", "prepare.network",
                            "prepare.disable-vpn", "prepare.o365-cutover", "install.check-prerequisites",
                            "install.answer-file")
                    .source("catalog 2.6, 2.1-2.5, 2.6b, 2.6c").build(),
            TaskDescriptor.builder("install.verify-fsmo")
                    .title("Confirm the destination holds all five FSMO roles")
                    .description("Schema master, domain naming master, RID master, PDC emulator and infrastructure"
                            + " master should all sit on the new server now; netdom query fsmo lists them. As PDC"
                            + " emulator the destination is also the domain's time source from here on. You confirm"
                            + " this by hand (netdom query fsmo); no check completes it on this path.")
                    .kind(MANUAL).onlyOnPath("a").after("install.run-setup").source("catalog 2.3").build(),
            TaskDescriptor.builder("install.verify-global-catalog")
                    .title("Confirm the destination is a global catalog")
                    .description("Migration setup should have turned the new server into a global catalog server."
                            + " Check it before any client is moved over.")
                    .kind(CHECK_GATED).after("install.run-setup", "install.replica-promote").source("catalog 2.4")
                    .build(),
            TaskDescriptor.builder("install.dc-health")
                    .title("Check the destination with Netdiag, Dcdiag and Repadmin")
                    .description("Run Netdiag, Dcdiag.exe and Repadmin.exe against the new domain controller and clear"
                            + " every problem they show. Clients are joined only once it is healthy. The console"
                            + " cannot run these tools; you confirm the result (replication.healthy only shows that"
                            + " the replication links exist).")
                    .kind(MANUAL).after("install.run-setup", "install.replica-promote").source("catalog 2.7")
                    .build(),
            TaskDescriptor.builder("install.onprem-exchange")
                    .title("Set up the separate on-premises Exchange server")
                    .description("Only when mail is to stay on premises instead of going to Office 365: install that"
                            + " Exchange server now that the destination exists. All mail has to be moved to it before"
                            + " the source is demoted, and the SBS POP3 Connector is not carried over.")
                    .optional().after("install.run-setup", "install.replica-configure").source("catalog 2.8, 1.8c")
                    .build(),
            TaskDescriptor.builder("install.replica-promote")
                    .title("Install normally and promote to a replica domain controller")
                    .description("On the replica-domain-controller path, do a normal install of Windows Server"
                            + " Essentials (or of Windows Server 2012 R2 Standard with the Essentials Experience role)"
                            + " and cancel the Configure Windows Server Essentials wizard if it appears. Then promote"
                            + " the server to an additional domain controller and global catalog in the existing"
                            + " domain. A check run completes this task by itself once destination.is-dc sees the new"
                            + " domain controller in the directory. This path does not need the Migration Preparation"
                            + " Tool; 'Log on as a service' must be cleared first.")
                    .onlyOnPath("b").kind(CHECK_GATED)
                    .after("prepare.clear-logon-as-service", "prepare.o365-cutover").source("catalog 2B.1").build(),
            TaskDescriptor.builder("install.replica-transfer-fsmo")
                    .title("Move the five FSMO roles to the destination with ntdsutil")
                    .description("Within 21 days, check the current holders with netdom query fsmo, then run ntdsutil:"
                            + " activate instance NTDS, roles, connections, connect to server <destination>, q, and"
                            + " transfer PDC, infrastructure master, naming master, RID master and schema master"
                            + " before leaving with q. Run netdom query fsmo again to see that every role is now on"
                            + " the destination. The check destination.fsmo reads the five holders from the directory;"
                            + " when all five are on the destination, a check run completes this task by itself. The"
                            + " transfer starts the 21-day clock by which the source must be gone.")
                    .onlyOnPath("b").kind(CHECK_GATED).startsClock(MigrationClock.DESTINATION_INSTALLED)
                    .after("install.replica-promote").source("catalog 2B.2")
                    .build(),
            TaskDescriptor.builder("install.replica-configure")
                    .title("Rename, add the Essentials Experience role and configure")
                    .description("Give the server its final name first: it cannot be renamed once the wizard has run."
                            + " Then add the Windows Server Essentials Experience role and run the Configure Windows"
                            + " Server Essentials task, checking the time and the settings it offers.")
                    .onlyOnPath("b").after("install.replica-transfer-fsmo").source("catalog 2B.3").build(),
            TaskDescriptor.builder("install.replica-verify-users")
                    .title("Check that the Dashboard lists the domain accounts")
                    .description("On the Dashboard's Users tab the existing Active Directory accounts should be"
                            + " listed. Keep the limits in mind: 25 users and 50 devices on Windows Server Essentials,"
                            + " 100 users and 200 devices on Standard or Datacenter with the Essentials Experience"
                            + " role. You confirm this on the Dashboard; no check reads it.")
                    .onlyOnPath("b").kind(MANUAL).after("install.replica-configure")
                    .source("catalog 2B.4, 2B.5")
                    .build());

    private static final List<StepInput> INPUTS = List.of(
            StepInput.matching("destination-name", "Destination server name",
                    "The computer name of the new server; clients later reach it at http://<name>/connect.",
                    "(?=[A-Za-z0-9-]{1,15}$)(?![0-9]+$)[A-Za-z0-9][A-Za-z0-9-]*",
                    "up to 15 letters, digits or hyphens, not beginning with a hyphen and not made only of digits"),
            StepInput.matching("destination-address", "Destination server IPv4 address",
                    "The fixed address (or DHCP reservation) of the new server; the router forwards ports to it.",
                    "((25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])\\.){3}"
                            + "(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])",
                    "must be an IPv4 address: four numbers from 0 to 255 separated by dots, e.g. 192.168.1.10"),
            StepInput.text("target-version", "Target Essentials edition",
                    "Windows Server 2012 Essentials, 2012 R2 Essentials, 2016 Essentials, or Standard/Datacenter"
                            + " with the Essentials Experience role. The profile's target version chooses the install"
                            + " path: 2012 Essentials takes path A (migration mode), the others path B (replica"
                            + " domain controller). That mapping is unverified (the documents list all versions on"
                            + " both paths); 'path a|b --note REASON' or -Dmigrationconsole.installPaths changes it."));

    public InstallDestinationStep() {
        super("install", 200, "Install the destination server",
                "Install Windows Server Essentials in migration mode, or as a replica domain controller, and check"
                + " that it holds the FSMO roles, is a global catalog and is a healthy domain controller.", TASKS, INPUTS);
    }
}
