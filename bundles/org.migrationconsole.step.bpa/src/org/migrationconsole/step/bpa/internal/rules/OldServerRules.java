package org.migrationconsole.step.bpa.internal.rules;

import java.util.ArrayList;
import java.util.List;

import org.migrationconsole.api.check.Directory.Entry;
import org.migrationconsole.api.check.Directory.Scope;

/**
 * No reference to a removed server anywhere: site server objects, DC computer accounts,
 * replication connections, FRS and DFSR membership. A server that is still a domain controller (the
 * source before its demotion) is not a stale reference.
 */
final class OldServerRules {

    private OldServerRules() {
    }

    static List<BpaRule> all() {
        return List.of(
                new BpaRule("bpa.old.site-servers", "Old server", "warning",
                        "Every server object in Sites is a current domain controller", OldServerRules::siteServers),
                new BpaRule("bpa.old.dc-accounts", "Old server", "warning",
                        "Every domain controller account belongs to a current domain controller",
                        OldServerRules::dcAccounts),
                new BpaRule("bpa.old.replication-partners", "Old server", "warning",
                        "Replication connections come from current domain controllers",
                        OldServerRules::connections),
                new BpaRule("bpa.old.sysvol-members", "Old server", "warning",
                        "FRS and DFSR members of SYSVOL are current domain controllers", OldServerRules::sysvolMembers),
                new BpaRule("bpa.old.source-gone", "Old server", "info",
                        "The old server has been demoted", OldServerRules::sourceGone));
    }

    static Verdict siteServers(Target t) throws Exception {
        List<String> evidence = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        for (Entry s : t.serverObjects()) {
            boolean dc = t.dcs().stream().anyMatch(d -> d.serverDn().equalsIgnoreCase(s.dn()));
            evidence.add(s.dn() + (dc ? " (NTDS Settings)" : " (no NTDS Settings)"));
            if (!dc) {
                problems.add(s.dn() + " has no NTDS Settings: left over from a removed domain controller");
            }
        }
        return Verdict.judge(problems, evidence, t.serverObjects().size() + " server object(s), all domain"
                + " controllers", "{n} server object(s) of removed servers in Sites",
                "Delete the server object in Active Directory Sites and Services (after making sure the server is"
                        + " gone for good).");
    }

    static Verdict dcAccounts(Target t) throws Exception {
        List<String> evidence = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        for (Entry c : t.dir().search(t.domainNc(), Scope.SUBTREE,
                "(&(objectCategory=computer)(userAccountControl:1.2.840.113556.1.4.803:=8192))", "dNSHostName",
                "serverReferenceBL")) {
            boolean current = t.dcs().stream().anyMatch(d -> c.dn().equalsIgnoreCase(d.computerDn()));
            evidence.add(c.dn() + (current ? "" : " (no domain controller with NTDS Settings references it)"));
            if (!current) {
                problems.add(c.dn() + " is a domain controller account of a server that is not a domain controller");
            }
        }
        return Verdict.judge(problems, evidence, "Every DC account belongs to a current domain controller",
                "{n} domain controller account(s) of removed servers",
                "Remove the server's metadata (ntdsutil metadata cleanup, or delete the computer object in Domain"
                        + " Controllers on Windows Server 2008 or later), after it has been demoted or is gone.");
    }

    static Verdict connections(Target t) throws Exception {
        List<String> evidence = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        for (Target.Dc d : t.dcs()) {
            for (Entry c : t.dir().search(d.ntdsDn(), Scope.ONE, "(objectClass=nTDSConnection)", "fromServer")) {
                String from = c.first("fromServer");
                boolean ok = from != null && t.dcs().stream().anyMatch(x -> x.ntdsDn().equalsIgnoreCase(from));
                evidence.add(d.host() + " inbound from " + from);
                if (!ok) {
                    problems.add(c.dn() + " replicates from " + from + ", which is not a current domain controller");
                }
            }
        }
        if (evidence.isEmpty()) {
            evidence.add("no nTDSConnection object under the NTDS Settings of " + t.dcs().size()
                    + " domain controller(s) (replication without connection objects, as Samba does, or the KCC"
                    + " has not run yet)");
        }
        return Verdict.judge(problems, evidence, "Every replication connection comes from a current DC",
                "{n} replication connection(s) from removed servers",
                "Delete the connection in Sites and Services (NTDS Settings of the receiving DC); the KCC builds"
                        + " what is needed ('repadmin /kcc').");
    }

    static Verdict sysvolMembers(Target t) throws Exception {
        List<String> evidence = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        String frs = "CN=Domain System Volume (SYSVOL share),CN=File Replication Service,CN=System," + t.domainNc();
        String dfsr = "CN=Topology,CN=Domain System Volume,CN=DFSR-GlobalSettings,CN=System," + t.domainNc();
        int members = 0;
        for (Entry m : t.dir().search(frs, Scope.ONE, "(objectClass=nTFRSMember)", "frsComputerReference")) {
            members++;
            member(t, "FRS", m.dn(), m.first("frsComputerReference"), evidence, problems);
        }
        for (Entry m : t.dir().search(dfsr, Scope.ONE, "(objectClass=msDFSR-Member)", "msDFSR-ComputerReference")) {
            members++;
            member(t, "DFSR", m.dn(), m.first("msDFSR-ComputerReference"), evidence, problems);
        }
        if (members == 0) {
            return Verdict.skipped("The directory holds no FRS or DFSR membership for SYSVOL (a Samba domain"
                    + " controller replicates SYSVOL by other means)", List.of(frs + ": no nTFRSMember", dfsr
                            + ": no msDFSR-Member"));
        }
        return Verdict.judge(problems, evidence, members + " SYSVOL replication member(s), all current DCs",
                "{n} SYSVOL replication member(s) of removed servers",
                "Delete the member object of the removed server (ADSI Edit) so that SYSVOL stops waiting for it.");
    }

    private static void member(Target t, String kind, String dn, String computer, List<String> evidence,
            List<String> problems) throws Exception {
        boolean ok = computer != null && t.dcs().stream().anyMatch(d -> computer.equalsIgnoreCase(d.computerDn()));
        evidence.add(kind + " member " + dn + " → " + computer);
        if (!ok) {
            problems.add(kind + " member " + dn + " refers to " + computer + ", which is not a current DC");
        }
    }

    static Verdict sourceGone(Target t) throws Exception {
        if (t.oldServer() == null) {
            return Verdict.skipped("The profile names no source server", List.of());
        }
        List<String> evidence = new ArrayList<>();
        t.dcs().forEach(d -> evidence.add("domain controller: " + d.host()));
        if (t.oldServerIsDc()) {
            return Verdict.skipped(t.oldServer() + " is still a domain controller: the rules on references to it"
                    + " count it as current until step 6 demotes it", evidence);
        }
        return Verdict.pass(t.oldServer() + " is no longer a domain controller", evidence);
    }
}
