package org.migrationconsole.step.install.internal.replica;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.migrationconsole.api.check.CheckContext;
import org.migrationconsole.api.check.CheckResult;
import org.migrationconsole.api.check.Directory.Entry;
import org.migrationconsole.api.check.Directory.Scope;
import org.migrationconsole.api.check.MigrationCheck;
import org.migrationconsole.api.check.Severity;
import org.osgi.service.component.annotations.Component;

/** destination.is-dc: the destination has an NTDS Settings object (it is a domain controller). */
@Component(service = MigrationCheck.class)
public final class DestinationIsDcCheck extends DestinationChecks.Base {
    @Override
    public String id() {
        return "destination.is-dc";
    }

    @Override
    public String title() {
        return "The destination is a domain controller of the domain";
    }

    @Override
    public boolean completesTask() {
        return true;
    }

    @Override
    public Optional<String> taskId() {
        return Optional.of("install.replica-promote");
    }

    @Override
    protected CheckResult judge(CheckContext c, String dest, Entry ntds) throws Exception {
        return CheckResult.pass(dest + " is a domain controller", List.of(ntds.dn()
                + (ntds.first("whenCreated") == null ? "" : ", created " + ntds.first("whenCreated"))));
    }
}
