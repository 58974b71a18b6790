package org.migrationconsole.step.prepare.internal.checks;

import java.util.List;
import java.util.Map;

import org.migrationconsole.api.check.Directory;
import org.migrationconsole.api.check.Directory.Entry;
import org.migrationconsole.api.check.Directory.Scope;

/** Names for the SIDs a security template lists ({@code *S-1-5-32-544}). */
final class Sids {

    static final String ADMINISTRATORS = "S-1-5-32-544";

    private static final Map<String, String> WELL_KNOWN = Map.ofEntries(Map.entry("S-1-1-0", "Everyone"),
            Map.entry("S-1-5-9", "Enterprise Domain Controllers"), Map.entry("S-1-5-11", "Authenticated Users"),
            Map.entry("S-1-5-18", "SYSTEM"), Map.entry("S-1-5-19", "LOCAL SERVICE"),
            Map.entry("S-1-5-20", "NETWORK SERVICE"), Map.entry("S-1-5-32-544", "Administrators"),
            Map.entry("S-1-5-32-545", "Users"), Map.entry("S-1-5-32-548", "Account Operators"),
            Map.entry("S-1-5-32-549", "Server Operators"), Map.entry("S-1-5-32-550", "Print Operators"),
            Map.entry("S-1-5-32-551", "Backup Operators"),
            Map.entry("S-1-5-32-554", "Pre-Windows 2000 Compatible Access"),
            Map.entry("S-1-5-32-568", "IIS_IUSRS"));

    private Sids() {
    }

    /** {@code *S-1-5-20} → {@code *S-1-5-20 (NETWORK SERVICE)}; domain SIDs are looked up by objectSid. */
    static String describe(String entry, Directory dir) {
        if (!entry.startsWith("*")) {
            return entry; // an account name written as such
        }
        String sid = entry.substring(1);
        String name = WELL_KNOWN.get(sid);
        if (name == null && sid.matches("S-1-5-21(-\\d+)+")) {
            try {
                List<Entry> r = dir.search(dir.defaultNamingContext(), Scope.SUBTREE, "(objectSid=" + sid + ")",
                        "sAMAccountName");
                name = r.isEmpty() ? "no such account" : r.get(0).first("sAMAccountName");
            } catch (Exception e) {
                name = null;
            }
        }
        return name == null ? entry : entry + " (" + name + ")";
    }

    static String describeAll(List<String> entries, Directory dir) {
        return String.join(", ", entries.stream().map(e -> describe(e, dir)).toList());
    }

    /** True when the entry names the builtin Administrators group, by SID or by name. */
    static boolean isAdministrators(String entry) {
        return entry.equalsIgnoreCase("*" + ADMINISTRATORS) || entry.equalsIgnoreCase("Administrators")
                || entry.equalsIgnoreCase("BUILTIN\\Administrators");
    }
}
