package org.migrationconsole.step.install.internal.replica;

import org.migrationconsole.api.artifact.ScriptQuoting;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The commands of path B that the administrator runs on the destination, as one PowerShell
 * script with the explanation of each part: promotion as a replica domain controller and global
 * catalog, the role check with netdom, the five ntdsutil transfers and the check afterwards.
 * Nothing here runs a command; the script is for a person to read and run step by step.
 */
public final class ReplicaScript {

    public static final String FILE_NAME = "path-b-replica-dc.ps1";

    private static final Pattern HOST = Pattern.compile("[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?"
            + "(\\.[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*");

    /** The five operations-master roles, in the order ntdsutil transfers them. */
    public static final List<String> NTDSUTIL_ROLES = List.of("PDC", "infrastructure master", "naming master",
            "RID master", "schema master");

    private ReplicaScript() {
    }

    /**
     * @param domain the AD DNS domain (contoso.local)
     * @param source the source DC's host name
     * @param destination the destination's host name (short or full)
     * @param adminAccount the domain administrator (NetBIOS\\name or name)
     */
    public static String generate(String domain, String source, String destination, String netbios,
            String adminAccount) {
        for (String[] v : new String[][] {{"domain", domain}, {"source", source}, {"destination", destination}}) {
            if (v[1] == null || !HOST.matcher(v[1]).matches()) {
                throw new IllegalArgumentException(v[0] + " '" + v[1] + "' is not a host or domain name");
            }
        }
        String dest = destination.contains(".") ? destination.substring(0, destination.indexOf('.')) : destination;
        String admin = adminAccount.contains("\\") ? adminAccount : netbios + "\\" + adminAccount;
        String eol = "\r\n";
        StringBuilder b = new StringBuilder();
        b.append("# Path B: the destination becomes a replica domain controller of ").append(domain)
                .append(", then takes over the FSMO roles.").append(eol)
                .append("# Written by Migration Console. Read each part before running it, on ").append(dest)
                .append(", in an elevated PowerShell,").append(eol)
                .append("# signed in as a domain administrator. Nothing here touches the source server ").append(source)
                .append(" except through AD replication.").append(eol).append(eol);
        b.append("# --- 1. Before you start -----------------------------------------------------------").append(eol)
                .append("# The Configure Windows Server Essentials wizard must NOT have run (cancel it if it appears),")
                .append(eol).append("# and the server must have its final name: it cannot be renamed after the wizard.")
                .append(eol).append("# Its DNS client must point at the source server, so that it finds the domain.")
                .append(eol).append("Resolve-DnsName -Type SRV _ldap._tcp.dc._msdcs.").append(domain).append(eol)
                .append(eol);
        b.append("# --- 2. Promote to an additional domain controller and global catalog ---------------").append(eol)
                .append("# Installs the AD DS role, joins the existing domain as a replica DC with DNS and the global")
                .append(eol).append("# catalog, replicating from the source. You are asked for the DSRM password;")
                .append(" the server restarts.").append(eol)
                .append("Install-WindowsFeature AD-Domain-Services -IncludeManagementTools").append(eol)
                .append("Install-ADDSDomainController -DomainName ").append(ScriptQuoting.powerShell(domain, "domain"))
                .append(" -InstallDns -NoGlobalCatalog:$false -ReplicationSourceDC ")
                .append(ScriptQuoting.powerShell(source, "source")).append(" -Credential (Get-Credential ")
                .append(ScriptQuoting.powerShell(admin, "the administrator account (source.admin)")).append(")")
                .append(eol).append(eol);
        b.append("# --- 3. After the restart: check replication ------------------------------------------").append(eol)
                .append("# Both commands must report no errors before the roles move. Migration Console's check")
                .append(eol).append("# replication.healthy reads the same from the directory.").append(eol)
                .append("repadmin /showrepl ").append(dest).append(eol)
                .append("dcdiag /s:").append(dest).append(eol).append(eol);
        b.append("# --- 4. Who holds the five roles now (all on ").append(source).append(" before the transfer) ---")
                .append(eol).append("netdom query fsmo").append(eol).append(eol);
        b.append("# --- 5. Move the five roles (within 21 days of the promotion) -------------------------").append(eol)
                .append("# ntdsutil reads its commands from the arguments: connect to this server, then transfer")
                .append(eol).append("# each role to it. Answer Yes to each confirmation.").append(eol)
                .append("ntdsutil \"activate instance ntds\" roles connections \"connect to server ").append(dest)
                .append("\" q");
        for (String role : NTDSUTIL_ROLES) {
            b.append(" \"transfer ").append(role).append("\"");
        }
        b.append(" q q").append(eol).append(eol);
        b.append("# --- 6. Check: every role must now name ").append(dest).append(" -----------------------------")
                .append(eol).append("# Migration Console's check destination.fsmo reads the five holders from the")
                .append(" directory and").append(eol)
                .append("# completes the task install.replica-transfer-fsmo once all five are on ").append(dest)
                .append('.').append(eol).append("netdom query fsmo").append(eol).append(eol);
        b.append("# --- 7. Then: add the Windows Server Essentials Experience role and run its configuration").append(eol)
                .append("Install-WindowsFeature ServerEssentialsRole").append(eol);
        return b.toString();
    }
}
