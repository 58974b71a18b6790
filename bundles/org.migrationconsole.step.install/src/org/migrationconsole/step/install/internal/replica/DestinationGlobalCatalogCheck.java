package org.migrationconsole.step.install.internal.replica;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.migrationconsole.api.check.CheckContext;
import org.migrationconsole.api.check.CheckResult;
import org.migrationconsole.api.check.Directory.Entry;
import org.migrationconsole.api.check.Directory.Scope;
import org.migrationconsole.api.check.MigrationCheck;
import org.migrationconsole.api.check.Severity;
import org.osgi.service.component.annotations.Component;

/** destination.global-catalog: bit 1 of the NTDS Settings options. */
@Component(service = MigrationCheck.class)
public final class DestinationGlobalCatalogCheck extends DestinationChecks.Base {

    public DestinationGlobalCatalogCheck() {
        super("destination.global-catalog", "The destination is a global catalog",
                Severity.ERROR, "install.verify-global-catalog", true);
    }




    @Override
    protected CheckResult judge(CheckContext c, String dest, Entry ntds) throws Exception {
        String options = ntds.first("options");
        boolean gc = options != null && (Long.parseLong(options.trim()) & 1) == 1;
        return gc ? CheckResult.pass(dest + " is a global catalog", List.of(ntds.dn() + " options="
                + options)) : CheckResult.fail(dest + " is not a global catalog", List.of(ntds.dn()
                        + " options=" + (options == null ? "(none)" : options)),
                "In Active Directory Sites and Services, tick Global Catalog in the destination's NTDS Settings.");
    }
}
