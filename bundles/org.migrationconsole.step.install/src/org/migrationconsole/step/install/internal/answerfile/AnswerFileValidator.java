package org.migrationconsole.step.install.internal.answerfile;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Checks an answer file against the key set: the single-value rules of each key present (the
 * first broken rule of a key is reported), the required keys, and the rules between keys (user
 * name against server and domain names, gateway inside the subnet). Never changes the file.
 */
public final class AnswerFileValidator {

    public static final String INITIAL = "InitialConfiguration";
    public static final String POST = "PostOSInstall";

    private final KeyCatalog catalog;

    public AnswerFileValidator(KeyCatalog catalog) {
        this.catalog = catalog;
    }

    public List<Violation> validate(AnswerFile file) {
        List<Violation> out = new ArrayList<>();
        for (KeySpec k : catalog.keys()) {
            String v = file.get(k.section(), k.key()).orElse(null);
            if (v == null || v.isEmpty()) {
                if (k.required()) {
                    out.add(new Violation(k.section(), k.key(), Rule.REQUIRED));
                }
                continue;
            }
            for (Rule r : k.rules()) {
                if (!Rules.accepts(r, v)) {
                    out.add(new Violation(k.section(), k.key(), r));
                    break;
                }
            }
        }
        String user = file.value(INITIAL, "UserName");
        if (!user.isEmpty() && out.stream().noneMatch(x -> x.key().equals("UserName"))) {
            String u = user.toLowerCase(Locale.ROOT);
            String dns = file.value(INITIAL, "DNSName").toLowerCase(Locale.ROOT);
            String firstLabel = dns.contains(".") ? dns.substring(0, dns.indexOf('.')) : dns;
            if (u.equals(file.value(INITIAL, "ServerName").toLowerCase(Locale.ROOT))
                    || u.equals(file.value(INITIAL, "NetbiosName").toLowerCase(Locale.ROOT)) || u.equals(dns)
                    || u.equals(firstLabel)) {
                out.add(new Violation(INITIAL, "UserName", Rule.USER_NAME_DISTINCT));
            }
        }
        Long address = Rules.ipv4(file.value(POST, "StaticIPv4Address"));
        String maskText = file.value(POST, "StaticIPv4SubnetMask");
        Long mask = Rules.accepts(Rule.SUBNET_MASK, maskText) ? Rules.ipv4(maskText) : null;
        Long gateway = Rules.ipv4(file.value(POST, "StaticIPv4Gateway"));
        if (address != null && mask != null && gateway != null
                && ((address & mask) != (gateway & mask) || address.equals(gateway))) {
            out.add(new Violation(POST, "StaticIPv4Gateway", Rule.GATEWAY_IN_SUBNET));
        }
        return out;
    }
}
