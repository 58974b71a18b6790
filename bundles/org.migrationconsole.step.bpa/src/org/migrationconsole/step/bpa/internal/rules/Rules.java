package org.migrationconsole.step.bpa.internal.rules;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** The analyzer's rules, in the order they are reported. */
public final class Rules {

    private Rules() {
    }

    public static List<BpaRule> all() {
        List<BpaRule> out = new ArrayList<>();
        out.addAll(DirectoryRules.all());
        out.addAll(DnsRules.all());
        out.addAll(SysvolRules.all());
        out.addAll(OldServerRules.all());
        out.addAll(AccountRules.all());
        Set<String> ids = new HashSet<>();
        for (BpaRule r : out) {
            if (!ids.add(r.id())) {
                throw new IllegalStateException("two rules with id " + r.id());
            }
        }
        return List.copyOf(out);
    }
}
