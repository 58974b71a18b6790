package org.migrationconsole.step.prepare.internal.checks;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.migrationconsole.api.check.CheckContext;
import org.migrationconsole.api.check.CheckResult;
import org.migrationconsole.api.check.Directory;
import org.migrationconsole.api.check.Directory.Entry;
import org.migrationconsole.api.check.MigrationCheck;
import org.migrationconsole.api.check.Severity;
import org.osgi.service.component.annotations.Component;

/** The five FSMO roles are held by the source (the destination takes them over from it). */
@Component(service = MigrationCheck.class)
public class FsmoHoldersCheck extends PrepareCheck {

    public FsmoHoldersCheck() {
        super("domain.fsmo-holders", "The source holds all five FSMO roles", Severity.ERROR,
                "prepare.support-tools");
    }

    @Override
    public CheckResult run(CheckContext ctx) throws Exception {
        Directory dir = ctx.directory();
        Entry dse = dir.rootDse();
        String domain = dir.defaultNamingContext();
        String config = dir.configurationNamingContext();
        String schema = dse.first("schemaNamingContext");
        String self = dse.first("dsServiceName");
        Map<String, String> roles = new LinkedHashMap<>();
        roles.put("PDC emulator", domain);
        roles.put("RID master", "CN=RID Manager$,CN=System," + domain);
        roles.put("Infrastructure master", "CN=Infrastructure," + domain);
        roles.put("Domain naming master", "CN=Partitions," + config);
        roles.put("Schema master", schema != null ? schema : "CN=Schema," + config);
        List<String> evidence = new ArrayList<>();
        evidence.add("source (rootDSE dsServiceName): " + self);
        List<String> elsewhere = new ArrayList<>();
        for (Map.Entry<String, String> role : roles.entrySet()) {
            Optional<Entry> holderObject = Ldap.read(dir, role.getValue(), "fSMORoleOwner");
            String owner = holderObject.map(e -> e.first("fSMORoleOwner")).orElse(null);
            String server = owner == null ? "(no fSMORoleOwner)" : serverOf(dir, owner);
            evidence.add(role.getKey() + " (fSMORoleOwner of " + role.getValue() + ") → " + server);
            if (!Ldap.sameDn(owner, self)) {
                elsewhere.add(role.getKey() + " on " + server);
            }
        }
        String source = dse.first("dnsHostName");
        if (elsewhere.isEmpty()) {
            return CheckResult.pass("All five FSMO roles are held by the source " + source + ".", evidence);
        }
        return CheckResult.fail(elsewhere.size() + " of the five FSMO roles " + (elsewhere.size() == 1 ? "is" : "are")
                + " not on the source " + source + " ("
                + String.join(", ", elsewhere) + ").", evidence,
                "Transfer the roles to the source before going on (netdom query fsmo shows them; ntdsutil: roles,"
                        + " connections, connect to server " + source + ", then transfer pdc / rid master /"
                        + " infrastructure master / naming master / schema master); seize them only if the holder"
                        + " is gone for good.");
    }

    /** NTDS Settings DN → the server's DNS name (or its CN, or the DN as is). */
    private static String serverOf(Directory dir, String ntdsSettings) {
        if (ntdsSettings.contains("\\0ADEL:") || ntdsSettings.contains("\\0ACNF:")) {
            return "a deleted server (" + ntdsSettings + ")";
        }
        String serverDn = Ldap.parentDn(ntdsSettings);
        try {
            Optional<Entry> server = Ldap.read(dir, serverDn, "dNSHostName");
            if (server.isPresent() && server.get().first("dNSHostName") != null) {
                return server.get().first("dNSHostName");
            }
        } catch (Exception e) {
            // fall back to the name in the DN
        }
        return Ldap.rdnValue(serverDn);
    }
}
