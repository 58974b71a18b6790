package org.migrationconsole.step.prepare.internal.checks;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.migrationconsole.api.check.CheckContext;
import org.migrationconsole.api.check.CheckResult;
import org.migrationconsole.api.check.Directory.Entry;
import org.migrationconsole.api.check.MigrationCheck;
import org.migrationconsole.api.check.Severity;
import org.osgi.service.component.annotations.Component;

/** The source DC's computer object says Windows Server 2003 with Service Pack 2. */
@Component(service = MigrationCheck.class)
public class SourceServicePackCheck extends PrepareCheck {

    private static final Pattern SP = Pattern.compile("Service Pack (\\d+)", Pattern.CASE_INSENSITIVE);

    public SourceServicePackCheck() {
        super("source.os-service-pack", "The source runs Windows Server 2003 with Service Pack 2", Severity.ERROR,
                "prepare.windows-sp2");
    }

    @Override
    public CheckResult run(CheckContext ctx) throws Exception {
        Optional<Ldap.SourceComputer> found = Ldap.sourceComputer(ctx, "operatingSystem", "operatingSystemVersion",
                "operatingSystemServicePack", "dNSHostName");
        if (found.isEmpty()) {
            return CheckResult.fail("The source DC's computer object was not found.", List.of(
                    "no serverReference from rootDSE serverName and no computer with dNSHostName "
                            + ctx.profile().sourceHost()),
                    "Check that source.host names the SBS server and that its computer object is in OU=Domain"
                            + " Controllers.");
        }
        Entry c = found.get().entry();
        String os = c.first("operatingSystem");
        String sp = c.first("operatingSystemServicePack");
        List<String> evidence = new ArrayList<>();
        evidence.add("computer object " + c.dn() + " (found via " + found.get().foundVia() + ")");
        evidence.add("operatingSystem: " + (os == null ? "(not set)" : os));
        evidence.add("operatingSystemVersion: " + orNotSet(c.first("operatingSystemVersion")));
        evidence.add("operatingSystemServicePack: " + orNotSet(sp));
        boolean is2003 = os != null && os.replaceAll("[\u00ae\u2122]", "").toLowerCase(Locale.ROOT)
                .contains("windows server 2003");
        Matcher m = sp == null ? null : SP.matcher(sp);
        int level = m != null && m.find() ? Integer.parseInt(m.group(1)) : 0;
        if (!is2003) {
            return CheckResult.fail("The source runs " + (os == null ? "an unknown operating system" : os)
                    + ", not Windows Server 2003 (SBS 2003).", evidence,
                    "This migration path is for Windows Small Business Server 2003; check that source.host names"
                            + " the SBS 2003 server.");
        }
        if (level < 2) {
            return CheckResult.fail("The source runs " + os + " with " + (sp == null ? "no service pack" : sp)
                    + ", but Service Pack 2 is required.", evidence,
                    "Back up, install Windows SBS 2003 SP1 (if missing) and then Windows Server 2003 SP2 (see KB"
                            + " 948496 and KB 939421), restart, and run the checks again.");
        }
        return CheckResult.pass("The source runs " + os + " with " + sp + ".", evidence);
    }

    private static String orNotSet(String v) {
        return v == null ? "(not set)" : v;
    }
}
