package org.migrationconsole.step.bpa.internal.rules;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.migrationconsole.api.check.Directory.Entry;
import org.migrationconsole.api.check.Directory.Scope;

/** SYSVOL and Group Policy: shares, GPO folders against GPCs, versions, links. */
final class SysvolRules {

    private SysvolRules() {
    }

    static final Pattern GUID = Pattern.compile("\\{[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-"
            + "[0-9A-Fa-f]{12}\\}");
    private static final Pattern LINK = Pattern.compile("\\[LDAP://([^;\\]]+);(\\d+)\\]", Pattern.CASE_INSENSITIVE);

    static List<BpaRule> all() {
        return List.of(
                new BpaRule("bpa.sysvol.shares", "SYSVOL", "error",
                        "The destination shares SYSVOL and NETLOGON", SysvolRules::shares),
                new BpaRule("bpa.gpo.folders-without-gpc", "SYSVOL", "warning",
                        "Every GPO folder in SYSVOL has its Group Policy container", SysvolRules::foldersWithoutGpc),
                new BpaRule("bpa.gpo.gpc-without-folder", "SYSVOL", "error",
                        "Every Group Policy container has its folder in SYSVOL", SysvolRules::gpcWithoutFolder),
                new BpaRule("bpa.gpo.versions", "SYSVOL", "warning",
                        "GPT.INI versions match the Group Policy containers", SysvolRules::versions),
                new BpaRule("bpa.gpo.links", "SYSVOL", "warning",
                        "Every gPLink names a GPO that exists", SysvolRules::links));
    }

    private static String policies(Target t) {
        return t.domain() + "/Policies";
    }

    /** The share's name as the server spells it (Samba: lower case), or null. */
    private static String share(Target t, String name) throws Exception {
        for (String s : t.context().shares().shares()) {
            if (s.equalsIgnoreCase(name)) {
                return s;
            }
        }
        return null;
    }

    static Verdict shares(Target t) throws Exception {
        List<String> names = t.context().shares().shares();
        List<String> evidence = new ArrayList<>(List.of("shares of " + t.dnsServer() + ": " + String.join(", ",
                names)));
        List<String> problems = new ArrayList<>();
        String sysvol = share(t, "SYSVOL");
        String netlogon = share(t, "NETLOGON");
        if (sysvol == null) {
            problems.add("SYSVOL is not shared");
        } else {
            List<String> top = t.context().shares().list(sysvol, t.domain());
            evidence.add(sysvol + "/" + t.domain() + " holds: " + String.join(", ", top));
            if (top.stream().noneMatch(n -> n.equalsIgnoreCase("Policies/"))) {
                problems.add(sysvol + "/" + t.domain() + " has no Policies folder");
            }
        }
        if (netlogon == null) {
            problems.add("NETLOGON is not shared");
        }
        return Verdict.judge(problems, evidence, "SYSVOL and NETLOGON are shared",
                "{n} problem(s) with SYSVOL and NETLOGON: the server does not work as a domain controller yet",
                "Wait for the first SYSVOL replication (event 4604 for FRS, 4614/4604 for DFSR) and check"
                        + " 'net share' on the destination; see dcdiag /test:netlogons.");
    }

    /** GUID (upper case) → folder name, from SYSVOL/<domain>/Policies. */
    static Map<String, String> folders(Target t) throws Exception {
        Map<String, String> out = new TreeMap<>();
        String sysvol = share(t, "SYSVOL");
        if (sysvol == null) {
            throw new IllegalStateException("SYSVOL is not shared on " + t.dnsServer());
        }
        for (String n : t.context().shares().list(sysvol, policies(t))) {
            String name = n.endsWith("/") ? n.substring(0, n.length() - 1) : n;
            if (n.endsWith("/") && GUID.matcher(name).matches()) {
                out.put(name.toUpperCase(Locale.ROOT), name);
            }
        }
        return out;
    }

    /** GUID (upper case) → GPC entry. */
    static Map<String, Entry> containers(Target t) throws Exception {
        Map<String, Entry> out = new TreeMap<>();
        for (Entry e : t.dir().search("CN=Policies,CN=System," + t.domainNc(), Scope.ONE,
                "(objectClass=groupPolicyContainer)", "cn", "displayName", "versionNumber", "gPCFileSysPath")) {
            String cn = e.first("cn");
            if (cn != null) {
                out.put(cn.toUpperCase(Locale.ROOT), e);
            }
        }
        return out;
    }

    static Verdict foldersWithoutGpc(Target t) throws Exception {
        Map<String, String> folders = folders(t);
        Map<String, Entry> gpcs = containers(t);
        List<String> problems = new ArrayList<>();
        for (Map.Entry<String, String> f : folders.entrySet()) {
            if (!gpcs.containsKey(f.getKey())) {
                problems.add("SYSVOL " + policies(t) + "/" + f.getValue() + " has no Group Policy container");
            }
        }
        List<String> evidence = List.of(folders.size() + " GPO folder(s) in SYSVOL, " + gpcs.size()
                + " Group Policy container(s) in CN=Policies");
        return Verdict.judge(problems, evidence, "Every GPO folder has its container",
                "{n} GPO folder(s) in SYSVOL without a container (orphaned, e.g. a GPO deleted while SYSVOL did"
                        + " not replicate)",
                "Back up and delete the orphaned folder from SYSVOL on the destination (it applies to nobody);"
                        + " gpotool or 'Get-GPO -All' compared with the folder list show the same.");
    }

    static Verdict gpcWithoutFolder(Target t) throws Exception {
        Map<String, String> folders = folders(t);
        Map<String, Entry> gpcs = containers(t);
        List<String> problems = new ArrayList<>();
        for (Map.Entry<String, Entry> g : gpcs.entrySet()) {
            if (!folders.containsKey(g.getKey())) {
                problems.add(g.getValue().first("displayName") + " " + g.getValue().first("cn")
                        + " has no folder in SYSVOL " + policies(t));
            }
        }
        List<String> evidence = List.of(gpcs.size() + " Group Policy container(s), " + folders.size()
                + " GPO folder(s) in SYSVOL of " + t.dnsServer());
        return Verdict.judge(problems, evidence, "Every Group Policy container has its SYSVOL folder",
                "{n} GPO(s) without their SYSVOL folder: clients fail to apply them (event 1058)",
                "Restore the folder from a backup or from the old server's SYSVOL, or delete the GPO in the Group"
                        + " Policy Management console; check SYSVOL replication.");
    }

    static Verdict versions(Target t) throws Exception {
        Map<String, String> folders = folders(t);
        String sysvol = share(t, "SYSVOL");
        List<String> problems = new ArrayList<>();
        List<String> evidence = new ArrayList<>();
        for (Map.Entry<String, Entry> g : containers(t).entrySet()) {
            String folder = folders.get(g.getKey());
            if (folder == null) {
                continue;
            }
            long gpc = Target.number(g.getValue().first("versionNumber"), 0);
            Long gpt = null;
            try {
                byte[] ini = t.context().shares().read(sysvol, policies(t) + "/" + folder + "/GPT.INI");
                Matcher m = Pattern.compile("(?im)^\\s*Version\\s*=\\s*(\\d+)").matcher(text(ini));
                gpt = m.find() ? Long.parseLong(m.group(1)) : null;
            } catch (Exception e) {
                // no GPT.INI: reported below
            }
            evidence.add(g.getValue().first("displayName") + ": GPC " + gpc + ", GPT.INI " + (gpt == null ? "(none)"
                    : gpt));
            if (gpt == null) {
                problems.add(g.getValue().first("displayName") + " has no readable GPT.INI Version");
            } else if (gpt != gpc) {
                problems.add(g.getValue().first("displayName") + ": GPT.INI version " + gpt
                        + " differs from the container's " + gpc);
            }
        }
        return Verdict.judge(problems, evidence, "Every GPO's two halves have the same version",
                "{n} GPO(s) whose SYSVOL half and directory half disagree (gpotool: version mismatch)",
                "Let SYSVOL replication finish; if it stays, edit the GPO once in the Group Policy Management"
                        + " console on the destination so that both halves are written again.");
    }

    private static String text(byte[] b) {
        if (b.length >= 2 && (b[0] & 0xFF) == 0xFF && (b[1] & 0xFF) == 0xFE) {
            return new String(b, 2, b.length - 2, StandardCharsets.UTF_16LE);
        }
        return new String(b, StandardCharsets.ISO_8859_1);
    }

    static Verdict links(Target t) throws Exception {
        List<Entry> linked = new ArrayList<>(t.dir().search(t.domainNc(), Scope.SUBTREE, "(gPLink=*)", "gPLink"));
        linked.addAll(t.dir().search("CN=Sites," + t.configNc(), Scope.ONE, "(gPLink=*)", "gPLink"));
        Map<String, Entry> gpcs = containers(t);
        List<String> problems = new ArrayList<>();
        List<String> evidence = new ArrayList<>();
        int n = 0;
        for (Entry e : linked) {
            Matcher m = LINK.matcher(e.first("gPLink") == null ? "" : e.first("gPLink"));
            while (m.find()) {
                n++;
                String gpo = m.group(1);
                Matcher g = GUID.matcher(gpo);
                boolean exists = g.find() && gpcs.containsKey(g.group().toUpperCase(Locale.ROOT))
                        && gpo.toUpperCase(Locale.ROOT).contains(",CN=POLICIES,CN=SYSTEM,");
                if (!exists) {
                    problems.add(e.dn() + " links " + gpo + ", which does not exist");
                }
            }
            evidence.add(e.dn() + ": " + e.first("gPLink"));
        }
        return Verdict.judge(problems, evidence, n + " link(s), every one to an existing GPO",
                "{n} link(s) to GPOs that no longer exist (clients log errors and may stop applying policy)",
                "Remove the dead link in the Group Policy Management console (it shows as a link to an unknown"
                        + " GPO) or edit gPLink with ADSI Edit.");
    }
}
