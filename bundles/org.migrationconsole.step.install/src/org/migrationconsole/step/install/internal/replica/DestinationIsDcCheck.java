package org.migrationconsole.step.install.internal.replica;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.migrationconsole.api.check.CheckContext;
import org.migrationconsole.api.check.CheckResult;
import org.migrationconsole.api.check.Directory.Entry;
import org.migrationconsole.api.check.Directory.Scope;
import org.migrationconsole.api.check.MigrationCheck;
import org.migrationconsole.api.check.Severity;
import org.migrationconsole.api.step.MigrationClock;
import org.migrationconsole.api.step.TaskDescriptor;
import org.osgi.service.component.annotations.Component;

/** destination.is-dc: the destination has an NTDS Settings object (it is a domain controller). */
@Component(service = MigrationCheck.class)
public final class DestinationIsDcCheck extends DestinationChecks.Base {

    public DestinationIsDcCheck() {
        super("destination.is-dc", "The destination is a domain controller of the domain",
                Severity.ERROR, "install.replica-promote", true);
    }




    /**
     * Passes with the NTDS Settings object as evidence. Its {@code whenCreated} is when the
     * destination became a domain controller: on path A (migration mode, where Setup itself
     * promotes the server) that is the installation the 21-day coexistence clock runs from,
     * whatever day install.run-setup is ticked; on path B the clock starts with the FSMO transfer,
     * so the promotion time only completes install.replica-promote as of then.
     */
    @Override
    protected CheckResult judge(CheckContext c, String dest, Entry ntds) throws Exception {
        String raw = ntds.first("whenCreated");
        List<String> evidence = new ArrayList<>();
        evidence.add(ntds.dn() + (raw == null ? "" : ", created " + raw));
        Instant created = raw == null ? null : parse(raw);
        if (created != null) {
            String what = "whenCreated of " + ntds.dn();
            c.provedAt(created, what);
            c.clockStartedAt(MigrationClock.DESTINATION_INSTALLED, TaskDescriptor.PATH_MIGRATION_MODE, created, what);
            evidence.add("promoted at " + created + "; on path A the 21-day coexistence clock runs from then");
        }
        return CheckResult.pass(dest + " is a domain controller", evidence);
    }

    /** AD GeneralizedTime as LDAP returns it: 20260101120000.0Z (fraction optional); null if malformed. */
    static Instant parse(String raw) {
        java.util.regex.Matcher m = java.util.regex.Pattern
                .compile("(\\d{4})(\\d{2})(\\d{2})(\\d{2})(\\d{2})(\\d{2})(?:[.,]\\d+)?Z").matcher(raw.strip());
        if (!m.matches()) {
            return null;
        }
        try {
            return java.time.LocalDateTime.of(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)),
                    Integer.parseInt(m.group(3)), Integer.parseInt(m.group(4)), Integer.parseInt(m.group(5)),
                    Integer.parseInt(m.group(6))).toInstant(java.time.ZoneOffset.UTC);
        } catch (java.time.DateTimeException e) {
            return null;
        }
    }
}
