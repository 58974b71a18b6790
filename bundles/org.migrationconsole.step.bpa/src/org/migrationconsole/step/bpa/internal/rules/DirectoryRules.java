package org.migrationconsole.step.bpa.internal.rules;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.migrationconsole.api.check.Directory.Entry;
import org.migrationconsole.api.check.Directory.Scope;

/** The directory: the destination as a DC, role holders, levels, lifetimes, RID pool, sites. */
final class DirectoryRules {

    private DirectoryRules() {
    }

    static List<BpaRule> all() {
        return List.of(
                new BpaRule("bpa.dc.destination", "Directory", "error",
                        "The destination is a domain controller and a global catalog", DirectoryRules::destination),
                new BpaRule("bpa.dc.references", "Directory", "error",
                        "The destination's server object and computer account reference each other",
                        DirectoryRules::references),
                new BpaRule("bpa.fsmo.holders", "Directory", "error",
                        "Every operations master role names a current domain controller", DirectoryRules::fsmo),
                new BpaRule("bpa.domain.functional-level", "Directory", "warning",
                        "Domain and forest functional levels are Windows Server 2003 or higher",
                        DirectoryRules::functionalLevel),
                new BpaRule("bpa.directory.tombstone-lifetime", "Directory", "warning",
                        "The tombstone lifetime is at least 180 days", DirectoryRules::tombstone),
                new BpaRule("bpa.directory.rid-pool", "Directory", "warning",
                        "The domain's RID pool has room left", DirectoryRules::ridPool),
                new BpaRule("bpa.sites.subnets", "Directory", "info",
                        "The destination's address is in a subnet of its site", DirectoryRules::subnets));
    }

    static Map<String, String> roleObjects(Target t) throws Exception {
        String schema = t.dir().rootDse().first("schemaNamingContext");
        Map<String, String> m = new LinkedHashMap<>();
        m.put("schema master", schema == null ? "CN=Schema," + t.configNc() : schema);
        m.put("domain naming master", "CN=Partitions," + t.configNc());
        m.put("PDC emulator", t.domainNc());
        m.put("RID master", "CN=RID Manager$,CN=System," + t.domainNc());
        m.put("infrastructure master", "CN=Infrastructure," + t.domainNc());
        return m;
    }

    static Verdict destination(Target t) throws Exception {
        Target.Dc dest = t.destinationDc();
        List<String> evidence = new ArrayList<>();
        t.dcs().forEach(d -> evidence.add("domain controller " + d.host() + " (" + d.ntdsDn() + ", options "
                + d.ntdsOptions() + ")"));
        if (dest == null) {
            return Verdict.fail(t.destination() + " is not a domain controller: no server object with NTDS Settings",
                    evidence, "Promote the destination (step 2) and let replication finish.");
        }
        List<String> problems = new ArrayList<>();
        if (!DnsRules.isGc(dest)) {
            problems.add(t.destination() + " is not a global catalog (NTDS Settings options " + dest.ntdsOptions()
                    + ")");
        }
        if (dest.computerDn() == null) {
            problems.add("its server object has no serverReference");
        } else {
            Entry computer = t.entry(dest.computerDn(), "userAccountControl");
            long uac = computer == null ? 0 : Target.number(computer.first("userAccountControl"), 0);
            evidence.add(dest.computerDn() + " userAccountControl: " + uac);
            if ((uac & 0x2000) == 0) {
                problems.add(dest.computerDn() + " is not a domain controller account (SERVER_TRUST_ACCOUNT unset)");
            }
            if (!dest.computerDn().toUpperCase(java.util.Locale.ROOT).contains("OU=DOMAIN CONTROLLERS,")) {
                problems.add(dest.computerDn() + " is not in the Domain Controllers OU (its policy does not apply)");
            }
        }
        return Verdict.judge(problems, evidence, t.destination() + " is a domain controller and a global catalog",
                "{n} problem(s) with " + t.destination() + " as a domain controller",
                "Make the destination a global catalog (Sites and Services, NTDS Settings, Global Catalog) and keep"
                        + " its computer account in OU=Domain Controllers.");
    }

    static Verdict references(Target t) throws Exception {
        Target.Dc dest = t.destinationDc();
        if (dest == null) {
            return Verdict.skipped(t.destination() + " is not a domain controller", List.of());
        }
        List<String> evidence = new ArrayList<>(List.of(dest.serverDn() + " serverReference: " + dest.computerDn()));
        List<String> problems = new ArrayList<>();
        Entry computer = dest.computerDn() == null ? null
                : t.entry(dest.computerDn(), "serverReferenceBL", "dNSHostName");
        if (computer == null) {
            problems.add("the server object's serverReference names no existing computer account");
        } else {
            evidence.add(computer.dn() + " serverReferenceBL: " + computer.values("serverReferenceBL")
                    + "; dNSHostName: " + computer.first("dNSHostName"));
            if (computer.values("serverReferenceBL").stream().noneMatch(dest.serverDn()::equalsIgnoreCase)) {
                problems.add(computer.dn() + " does not point back to " + dest.serverDn());
            }
            if (!Target.sameHost(computer.first("dNSHostName"), t.destination())) {
                problems.add(computer.dn() + " dNSHostName is " + computer.first("dNSHostName"));
            }
        }
        return Verdict.judge(problems, evidence, "The server object and the computer account reference each other",
                "{n} broken reference(s) (dcdiag VerifyReferences)",
                "Run 'dcdiag /test:VerifyReferences' on the destination; restart Netlogon there so that it writes"
                        + " its references again.");
    }

    static Verdict fsmo(Target t) throws Exception {
        List<String> evidence = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        int onDest = 0;
        for (Map.Entry<String, String> r : roleObjects(t).entrySet()) {
            Entry e = t.entry(r.getValue(), "fSMORoleOwner");
            String owner = e == null ? null : e.first("fSMORoleOwner");
            Target.Dc holder = null;
            for (Target.Dc d : t.dcs()) {
                if (owner != null && d.ntdsDn().equalsIgnoreCase(owner)) {
                    holder = d;
                }
            }
            evidence.add(r.getKey() + ": " + (holder != null ? holder.host() : owner == null ? "(no owner)" : owner));
            if (holder == null) {
                problems.add(r.getKey() + " names " + owner + ", which is not a current domain controller"
                        + (owner != null && owner.contains("\\0ADEL") ? " (a deleted one)" : ""));
            } else if (Target.sameHost(holder.host(), t.destination())) {
                onDest++;
            }
        }
        if (problems.isEmpty() && onDest < 5 && !t.oldServerIsDc()) {
            problems.add((5 - onDest) + " role(s) are not on the destination although the old server is gone");
        }
        return Verdict.judge(problems, evidence, "The destination knows every role holder (" + onDest
                + " of 5 on " + t.destination() + ")", "{n} role problem(s)",
                "Seize the roles whose holder is gone on the destination ('ntdsutil roles', seize), then run"
                        + " 'netdom query fsmo' there.");
    }

    static Verdict functionalLevel(Target t) throws Exception {
        Entry dse = t.dir().rootDse();
        long domain = Target.number(dse.first("domainFunctionality"), -1);
        long forest = Target.number(dse.first("forestFunctionality"), -1);
        Entry head = t.entry(t.domainNc(), "ntMixedDomain", "msDS-Behavior-Version");
        String mixed = head == null ? null : head.first("ntMixedDomain");
        List<String> evidence = List.of("domainFunctionality: " + domain, "forestFunctionality: " + forest,
                "ntMixedDomain: " + mixed);
        List<String> problems = new ArrayList<>();
        if (domain < 2) {
            problems.add("domain functional level " + level(domain));
        }
        if (forest < 2) {
            problems.add("forest functional level " + level(forest));
        }
        if ("1".equals(mixed)) {
            problems.add("the domain is in mixed mode");
        }
        return Verdict.judge(problems, evidence, "Domain " + level(domain) + ", forest " + level(forest),
                "Functional levels below Windows Server 2003: {n}",
                "Once no Windows 2000 DC is left, raise the domain and then the forest functional level (Active"
                        + " Directory Domains and Trusts).");
    }

    static String level(long l) {
        return switch ((int) l) {
            case 0 -> "Windows 2000";
            case 1 -> "Windows Server 2003 interim";
            case 2 -> "Windows Server 2003";
            case 3 -> "Windows Server 2008";
            case 4 -> "Windows Server 2008 R2";
            case 5 -> "Windows Server 2012";
            case 6 -> "Windows Server 2012 R2";
            case 7 -> "Windows Server 2016";
            default -> "level " + l;
        };
    }

    static Verdict tombstone(Target t) throws Exception {
        String dn = "CN=Directory Service,CN=Windows NT,CN=Services," + t.configNc();
        Entry ds = t.entry(dn, "tombstoneLifetime");
        String v = ds == null ? null : ds.first("tombstoneLifetime");
        long days = Target.number(v, 60);
        List<String> evidence = List.of(dn + " tombstoneLifetime: " + (v == null ? "(not set: 60 days)" : v));
        return days >= 180 ? Verdict.pass("Tombstone lifetime " + days + " days", evidence)
                : Verdict.fail("Tombstone lifetime is " + days + " days (a domain born on Windows 2000/2003 keeps 60):"
                        + " a DC offline or a backup older than that can bring deleted objects back", evidence,
                        "Set tombstoneLifetime to 180 on " + dn + " (ADSI Edit).");
    }

    static Verdict ridPool(Target t) throws Exception {
        String dn = "CN=RID Manager$,CN=System," + t.domainNc();
        Entry rid = t.entry(dn, "rIDAvailablePool");
        if (rid == null || rid.first("rIDAvailablePool") == null) {
            return Verdict.fail("No RID pool found at " + dn, List.of(), "Check the RID master with dcdiag /test:ridmanager.");
        }
        long pool = Target.number(rid.first("rIDAvailablePool"), -1);
        long next = pool & 0xFFFFFFFFL;
        long ceiling = pool >>> 32;
        long left = ceiling - next;
        double used = ceiling == 0 ? 1 : (double) next / ceiling;
        List<String> evidence = List.of(dn + " rIDAvailablePool: " + pool + " (next RID pool from " + next
                + ", ceiling " + ceiling + ", " + left + " left)");
        return used < 0.8 ? Verdict.pass(String.format(java.util.Locale.ROOT, "%.3f%% of the RIDs handed out",
                used * 100), evidence)
                : Verdict.fail(String.format(java.util.Locale.ROOT, "%.1f%% of the domain's RIDs are handed out",
                        used * 100), evidence, "Find what creates so many objects; see 'dcdiag /test:ridmanager'.");
    }

    static Verdict subnets(Target t) throws Exception {
        Target.Dc dest = t.destinationDc();
        String address = t.destinationAddress();
        if (dest == null || address == null) {
            return Verdict.skipped("Needs the destination as a DC and its address (destination.address)", List.of());
        }
        String site = DnsRules.siteOf(dest);
        List<String> evidence = new ArrayList<>();
        String match = null;
        for (Entry s : t.dir().search("CN=Subnets,CN=Sites," + t.configNc(), Scope.ONE, "(objectClass=subnet)", "cn",
                "siteObject")) {
            evidence.add("subnet " + s.first("cn") + " → " + s.first("siteObject"));
            if (inSubnet(address, s.first("cn")) && s.first("siteObject") != null
                    && s.first("siteObject").regionMatches(true, 0, "CN=" + site + ",", 0, site.length() + 4)) {
                match = s.first("cn");
            }
        }
        evidence.add(0, t.destination() + " (" + address + ") is in site " + site);
        return match != null ? Verdict.pass(address + " is in subnet " + match + " of site " + site, evidence)
                : Verdict.fail("No subnet of site " + site + " contains " + address
                        + ": clients cannot be placed in a site and may log on at any DC", evidence,
                        "Active Directory Sites and Services: add the destination's subnet to site " + site + ".");
    }

    static boolean inSubnet(String address, String cidr) {
        try {
            String[] p = cidr.split("/");
            int bits = Integer.parseInt(p[1]);
            long a = ipv4(address);
            long n = ipv4(p[0]);
            long mask = bits == 0 ? 0 : (0xFFFFFFFFL << (32 - bits)) & 0xFFFFFFFFL;
            return a >= 0 && n >= 0 && (a & mask) == (n & mask);
        } catch (RuntimeException e) {
            return false;
        }
    }

    static long ipv4(String s) {
        String[] q = s.split("\\.");
        if (q.length != 4) {
            return -1;
        }
        long r = 0;
        for (String x : q) {
            r = (r << 8) | Integer.parseInt(x);
        }
        return r;
    }
}
