package org.migrationconsole.actions.ad;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.migrationconsole.api.action.AttributeChange;
import org.migrationconsole.api.action.Change;
import org.migrationconsole.api.action.DirectoryChange;
import org.migrationconsole.api.action.FileChange;
import org.migrationconsole.api.action.WritableDirectory;
import org.migrationconsole.api.check.Directory.Entry;
import org.migrationconsole.api.check.Directory.Scope;

/** Plans the deletion of group policy objects the way GPMC does it: links, container, SYSVOL folder. */
public final class GpoPlans {

    private static final Pattern LINK = Pattern.compile("\\[LDAP://([^;\\]]+);(\\d+)\\]", Pattern.CASE_INSENSITIVE);

    private GpoPlans() {
    }

    /** A GPO as read from its groupPolicyContainer. */
    public record Gpo(String dn, String guid, String displayName, String fileSysPath, String usnChanged) {
    }

    /** The group policy containers of the domain, by display name. */
    public static List<Gpo> gpos(WritableDirectory dir) throws Exception {
        String base = "CN=Policies,CN=System," + dir.defaultNamingContext();
        List<Gpo> out = new ArrayList<>();
        for (Entry e : dir.search(base, Scope.ONE, "(objectClass=groupPolicyContainer)", "cn", "displayName",
                "gPCFileSysPath", "uSNChanged")) {
            out.add(new Gpo(e.dn(), e.first("cn"), e.first("displayName"), e.first("gPCFileSysPath"), e.first(
                    "uSNChanged")));
        }
        out.sort((a, b) -> String.CASE_INSENSITIVE_ORDER.compare(String.valueOf(a.displayName()), String.valueOf(b
                .displayName())));
        return out;
    }

    /** The links of a gPLink value in order: DN and options. */
    public record Link(String dn, String options) {
        String text() {
            return "[LDAP://" + dn + ";" + options + "]";
        }
    }

    public static List<Link> links(String gPLink) {
        List<Link> out = new ArrayList<>();
        if (gPLink == null) {
            return out;
        }
        Matcher m = LINK.matcher(gPLink);
        while (m.find()) {
            out.add(new Link(m.group(1), m.group(2)));
        }
        return out;
    }

    /** SYSVOL share and path of a gPCFileSysPath ({@code \\contoso.local\SysVol\contoso.local\Policies\{GUID}}). */
    public static String[] sysvolPath(String fileSysPath) {
        String p = fileSysPath.replace('\\', '/');
        while (p.startsWith("/")) {
            p = p.substring(1);
        }
        String[] parts = p.split("/", 3); // host, share, path
        if (parts.length < 3) {
            throw new IllegalArgumentException("gPCFileSysPath '" + fileSysPath + "' is not \\\\host\\share\\path");
        }
        return new String[] {parts[1].toUpperCase(Locale.ROOT), parts[2]};
    }

    /**
     * The changes that delete these GPOs: each object whose gPLink names one of them (domain, OUs,
     * sites) loses those entries and keeps its other links in order with their options; then each
     * container with its children; then each SYSVOL folder.
     *
     * @param ids gives the next change id
     */
    public static List<Change> delete(WritableDirectory dir, List<Gpo> gpos, Supplier<String> ids) throws Exception {
        List<Change> out = new ArrayList<>();
        List<String> targets = gpos.stream().map(g -> g.dn().toLowerCase(Locale.ROOT)).toList();
        Map<String, Entry> linked = new LinkedHashMap<>();
        for (String base : List.of(dir.defaultNamingContext(), "CN=Sites," + dir.configurationNamingContext())) {
            for (Entry e : dir.search(base, Scope.SUBTREE, "(gPLink=*)", "gPLink", "uSNChanged")) {
                linked.putIfAbsent(e.dn(), e);
            }
        }
        for (Entry e : linked.values()) {
            String value = e.first("gPLink");
            List<Link> links = links(value);
            List<Link> keep = links.stream().filter(l -> !targets.contains(l.dn().toLowerCase(Locale.ROOT))).toList();
            if (keep.size() == links.size()) {
                continue;
            }
            StringBuilder nv = new StringBuilder();
            keep.forEach(l -> nv.append(l.text()));
            List<String> removed = links.stream().filter(l -> !keep.contains(l)).map(Link::dn).toList();
            out.add(new DirectoryChange(ids.get(), DirectoryChange.Operation.MODIFY, e.dn(), List.of(AttributeChange
                    .replace("gPLink", List.of(value), nv.isEmpty() ? List.of() : List.of(nv.toString()))), e.first(
                            "uSNChanged"), "unlink " + String.join(", ", removed.stream().map(GpoPlans::cn)
                                    .toList())));
        }
        for (Gpo g : gpos) {
            out.add(new DirectoryChange(ids.get(), DirectoryChange.Operation.DELETE_TREE, g.dn(), List.of(
                    AttributeChange.replace("displayName", List.of(String.valueOf(g.displayName())), List.of())), g
                            .usnChanged(), "the group policy container of '" + g.displayName() + "'"));
        }
        for (Gpo g : gpos) {
            if (g.fileSysPath() == null) {
                continue;
            }
            String[] sp = sysvolPath(g.fileSysPath());
            out.add(new FileChange(ids.get(), FileChange.Operation.DELETE_FOLDER, "source", sp[0], sp[1], null, null,
                    "the SYSVOL folder of '" + g.displayName() + "'"));
        }
        return out;
    }

    static String cn(String dn) {
        int c = dn.indexOf(',');
        String first = c < 0 ? dn : dn.substring(0, c);
        return first.startsWith("CN=") || first.startsWith("cn=") ? first.substring(3) : first;
    }

    /** An id supplier "1", "2", ... */
    public static Supplier<String> counter() {
        int[] n = {0};
        return () -> Integer.toString(++n[0]);
    }
}
