package org.migrationconsole.connect;

import java.util.EnumMap;
import java.util.Map;

import org.migrationconsole.api.check.TargetVersion;

/**
 * Which install path a target version takes: "a" (Setup in migration mode with an answer file)
 * or "b" (normal install, replica domain controller, FSMO roles moved with ntdsutil). The
 * default mapping follows the research note that 2012 R2 and 2016 Essentials dropped migration
 * mode; that is UNVERIFIED (catalog finding 2), so a site can override it with
 * {@code -Dmigrationconsole.installPaths=essentials-2012=a,essentials-2012-r2=b,...}.
 */
public final class InstallPaths {

    public static final String PROPERTY = "migrationconsole.installPaths";

    private InstallPaths() {
    }

    public static Map<TargetVersion, String> mapping() {
        Map<TargetVersion, String> m = new EnumMap<>(TargetVersion.class);
        for (TargetVersion t : TargetVersion.values()) {
            m.put(t, t.id().equals("essentials-2012") ? "a" : "b");
        }
        String override = System.getProperty(PROPERTY, "");
        for (String pair : override.split(",")) {
            String[] kv = pair.strip().split("=");
            if (kv.length == 2 && (kv[1].strip().equals("a") || kv[1].strip().equals("b"))) {
                try {
                    m.put(TargetVersion.byId(kv[0].strip()), kv[1].strip());
                } catch (IllegalArgumentException e) {
                    // an unknown target in the override is ignored
                }
            }
        }
        return m;
    }

    public static String forTarget(TargetVersion target) {
        return mapping().get(target);
    }

    public static String describe(String path) {
        return "a".equals(path) ? "A: Setup in migration mode with an answer file"
                : "B: replica domain controller, FSMO roles moved by hand within 21 days";
    }
}
