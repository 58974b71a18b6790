package org.migrationconsole.step.prepare.internal.checks;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.migrationconsole.api.check.CheckContext;
import org.migrationconsole.api.check.CheckResult;
import org.migrationconsole.api.check.ConnectionProfile;
import org.migrationconsole.api.check.MigrationCheck;
import org.migrationconsole.api.check.ServerClock;
import org.migrationconsole.api.check.Severity;
import org.osgi.service.component.annotations.Component;

/**
 * The source's clock (rootDSE currentTime) is within 5 minutes of the destination's and in the same
 * time zone, as the migration guide asks. The destination's clock and both time zones are read
 * from the SMB negotiation (no sign-in); when the destination does not answer (not installed
 * yet), this machine's clock stands in, and the result says so.
 */
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
        Duration sourceVsLocal = Duration.between(local, server);
        List<String> evidence = new ArrayList<>();
        evidence.add("rootDSE currentTime: " + raw + " (" + server + ")");
        evidence.add("this machine's clock at the start of the run: " + local);

        ConnectionProfile p = ctx.profile();
        Optional<ServerClock> sourceSmb = ctx.serverClock(p.sourceAddress() != null ? p.sourceAddress()
                : p.sourceHost());
        String destination = p.destinationAddress() != null ? p.destinationAddress() : p.destinationHost();
        Optional<ServerClock> dest = destination == null ? Optional.empty() : ctx.serverClock(destination);
        Integer sourceZone = sourceSmb.flatMap(ServerClock::offset).orElse(null);
        evidence.add("source time zone: " + (sourceZone != null ? zone(sourceZone) + " (" + sourceSmb.get().how()
                + ")" : "not stated by the source"));

        String remedy = "Set the same date, time and time zone on the source and the destination (and on the VM host"
                + " if one is virtual), then run w32tm /config /syncfromflags:domhier /reliable:no /update, net stop"
                + " w32time and net start w32time on the source, and run the checks again.";
        if (dest.isPresent()) {
            ServerClock d = dest.get();
            Duration destVsLocal = Duration.between(d.readAt(), d.time());
            Duration skew = sourceVsLocal.minus(destVsLocal);
            evidence.add("destination clock: " + d.time() + " at " + d.readAt() + " on this machine (" + d.how() + ")");
            evidence.add("destination time zone: " + d.offset().map(SourceClockSkewCheck::zone)
                    .orElse("not stated (SMB2 does not carry it); compare it by hand"));
            evidence.add("skew source vs destination: " + describe(skew, "the destination") + " (limit 5 minutes)");
            if (skew.abs().compareTo(LIMIT) > 0) {
                return CheckResult.fail("The source clock is " + describe(skew, "the destination") + ", more than 5"
                        + " minutes off.", evidence, remedy);
            }
            if (sourceZone != null && d.utcOffsetMinutes() != null && !sourceZone.equals(d.utcOffsetMinutes())) {
                return CheckResult.fail("The source's time zone (" + zone(sourceZone) + ") differs from the"
                        + " destination's (" + zone(d.utcOffsetMinutes()) + ").", evidence, remedy);
            }
            return CheckResult.pass("The source clock is " + describe(skew, "the destination") + ", within 5"
                    + " minutes.", evidence);
        }
        evidence.add("destination clock: " + (destination == null ? "the profile names no destination"
                : destination + " did not answer on SMB (port 445)") + "; compared with this machine instead"
                + " (fallback): compare with the destination by hand once it is installed");
        evidence.add("skew source vs this machine: " + describe(sourceVsLocal) + " (limit 5 minutes)");
        if (sourceVsLocal.abs().compareTo(LIMIT) <= 0) {
            return CheckResult.pass("The source clock is " + describe(sourceVsLocal) + ", within 5 minutes (the"
                    + " destination could not be read; compared with this machine).", evidence);
        }
        return CheckResult.fail("The source clock is " + describe(sourceVsLocal) + ", more than 5 minutes off.",
                evidence, remedy);
    }

    /** "UTC+01:00". */
    static String zone(int minutesEast) {
        int a = Math.abs(minutesEast);
        return String.format("UTC%s%02d:%02d", minutesEast < 0 ? "-" : "+", a / 60, a % 60);
    }

    static String describe(Duration skew) {
        return describe(skew, "this machine");
    }

    /** "10 min 2 s ahead of this machine" / "3 s behind the destination". */
    static String describe(Duration skew, String other) {
        Duration a = skew.abs();
        long min = a.toMinutes();
        long s = a.toSecondsPart();
        String amount = (min > 0 ? min + " min " : "") + s + " s";
        if (a.toSeconds() == 0) {
            return "in step with " + other;
        }
        return amount + (skew.isNegative() ? " behind " : " ahead of ") + other;
    }
}
