package org.migrationconsole.step.prepare.internal.checks;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.migrationconsole.api.check.CheckContext;
import org.migrationconsole.api.check.CheckResult;
import org.migrationconsole.api.check.MigrationCheck;
import org.migrationconsole.api.check.Severity;
import org.osgi.service.component.annotations.Component;

/** The source's clock (rootDSE currentTime) is within 5 minutes of this machine's. */
@Component(service = MigrationCheck.class)
public class SourceClockSkewCheck extends PrepareCheck {

    static final Duration LIMIT = Duration.ofMinutes(5);

    public SourceClockSkewCheck() {
        super("source.clock-skew", "The source clock is within 5 minutes", Severity.ERROR, "prepare.time-sync");
    }

    @Override
    public CheckResult run(CheckContext ctx) throws Exception {
        String raw = ctx.directory().rootDse().first("currentTime");
        if (raw == null) {
            return CheckResult.error("The source's root DSE has no currentTime.",
                    "Check that the source is a Windows domain controller and run the checks again.");
        }
        Instant server = GeneralizedTime.parse(raw);
        Instant local = ctx.now();
        Duration skew = Duration.between(local, server);
        List<String> evidence = new ArrayList<>();
        evidence.add("rootDSE currentTime: " + raw + " (" + server + ")");
        evidence.add("this machine's clock at the start of the run: " + local);
        evidence.add("skew: " + describe(skew) + " (limit 5 minutes)");
        evidence.add("destination clock: not read (the console has no connection to the destination); compare it"
                + " by hand when it is installed");
        if (skew.abs().compareTo(LIMIT) <= 0) {
            return CheckResult.pass("The source clock is " + describe(skew) + ", within 5 minutes.", evidence);
        }
        return CheckResult.fail("The source clock is " + describe(skew) + ", more than 5 minutes off.", evidence,
                "Set the same date, time and time zone on the source (and on the VM host if it is virtual), then run"
                        + " w32tm /config /syncfromflags:domhier /reliable:no /update, net stop w32time and net start"
                        + " w32time on the source, and run the checks again.");
    }

    /** "10 min 2 s ahead of this machine" / "3 s behind this machine". */
    static String describe(Duration skew) {
        Duration a = skew.abs();
        long min = a.toMinutes();
        long s = a.toSecondsPart();
        String amount = (min > 0 ? min + " min " : "") + s + " s";
        if (a.toSeconds() == 0) {
            return "in step with this machine";
        }
        return amount + (skew.isNegative() ? " behind" : " ahead of") + " this machine";
    }
}
