package org.migrationconsole.step.demote.internal.checks;

import java.util.ArrayList;
import java.util.List;

import org.migrationconsole.api.check.CheckContext;
import org.migrationconsole.api.check.CheckResult;
import org.migrationconsole.api.check.Directory;
import org.migrationconsole.api.check.Directory.Entry;
import org.migrationconsole.api.check.Directory.Scope;
import org.migrationconsole.api.check.DeclaredCheck;
import org.migrationconsole.api.check.MigrationCheck;
import org.migrationconsole.api.check.Severity;
import org.osgi.service.component.annotations.Component;

/**
 * Users that still have an Exchange 2003 mailbox (homeMDB or msExchHomeServerName). Exchange
 * refuses to uninstall while mailboxes remain (catalog 6.1a). A legacyExchangeDN alone stays
 * after a mailbox move, so it is reported but not counted as a mailbox.
 */
@Component(service = MigrationCheck.class)
public class ExchangeMailboxesCheck extends DeclaredCheck {

    public ExchangeMailboxesCheck() {
        super("exchange.mailboxes",
                "No Exchange 2003 mailboxes are left on the source",
                "demote", Severity.WARNING, "demote.uninstall-exchange");
    }

    @Override
    public CheckResult run(CheckContext ctx) throws Exception {
        Directory dir = ctx.directory();
        // read the attributes rather than filter on them: a domain without Exchange lacks them in its schema
        List<Entry> users = dir.search(dir.defaultNamingContext(), Scope.SUBTREE,
                "(&(objectCategory=person)(objectClass=user))", "sAMAccountName", "homeMDB", "msExchHomeServerName",
                "legacyExchangeDN");
        // a mailbox is on the source when its store (homeMDB) sits under the source's Exchange server
        // object (...,CN=InformationStore,CN=<server>,CN=Servers,...) or msExchHomeServerName names it;
        // a mailbox moved to another Exchange server is not on the source
        String server = ctx.profile().sourceHost().split("\\.")[0];
        String storeMark = ",cn=" + server.toLowerCase(java.util.Locale.ROOT) + ",cn=servers,";
        String homeMark = "/cn=" + server.toLowerCase(java.util.Locale.ROOT);
        List<String> mailboxes = new ArrayList<>();
        List<String> elsewhere = new ArrayList<>();
        List<String> evidence = new ArrayList<>();
        List<String> mailOnly = new ArrayList<>();
        for (Entry e : users) {
            String sam = e.first("sAMAccountName");
            String mdb = e.first("homeMDB");
            String home = e.first("msExchHomeServerName");
            if (mdb != null || home != null) {
                boolean onSource = mdb != null ? mdb.toLowerCase(java.util.Locale.ROOT).contains(storeMark)
                        : home.toLowerCase(java.util.Locale.ROOT).endsWith(homeMark);
                (onSource ? mailboxes : elsewhere).add(sam);
                evidence.add(sam + ": homeMDB=" + (mdb == null ? "(none)" : mdb) + "; msExchHomeServerName="
                        + (home == null ? "(none)" : home) + (onSource ? "" : " (not a store of " + server + ")"));
            } else if (e.first("legacyExchangeDN") != null) {
                mailOnly.add(sam + " (" + e.first("legacyExchangeDN") + ")");
            }
        }
        mailboxes.sort(String.CASE_INSENSITIVE_ORDER);
        evidence.sort(String.CASE_INSENSITIVE_ORDER);
        evidence.add("legacyExchangeDN without a mailbox (not counted, it stays after a move): "
                + (mailOnly.isEmpty() ? "none" : String.join(", ", mailOnly)));
        evidence.add("mailboxes on other Exchange servers (not counted): "
                + (elsewhere.isEmpty() ? "none" : String.join(", ", elsewhere)));
        // public folder stores of the source server (Exchange configuration, under its server object)
        List<String> publicStores = new ArrayList<>();
        String config = dir.configurationNamingContext();
        for (Entry e : dir.search("CN=Microsoft Exchange,CN=Services," + config, Scope.SUBTREE,
                "(|(objectClass=msExchPublicMDB)(cn=Public Folder Store*))", "cn")) {
            if (e.dn().toLowerCase(java.util.Locale.ROOT).contains(storeMark)) {
                publicStores.add(e.dn());
            }
        }
        evidence.add("public folder stores on " + server + ": " + (publicStores.isEmpty() ? "none"
                : String.join("; ", publicStores)));
        if (mailboxes.isEmpty() && publicStores.isEmpty()) {
            return CheckResult.pass("No mailbox or public folder store is left on the source, so Exchange can be"
                    + " uninstalled.", evidence);
        }
        String what = mailboxes.isEmpty() ? "" : (mailboxes.size() == 1 ? "1 user still has" : mailboxes.size()
                + " users still have") + " an Exchange 2003 mailbox on the source (" + String.join(", ", mailboxes)
                + ")";
        if (!publicStores.isEmpty()) {
            what += (what.isEmpty() ? "" : " and ") + "the source still has a public folder store";
        }
        return CheckResult.fail(Character.toUpperCase(what.charAt(0)) + what.substring(1)
                + "; move them before Exchange can be uninstalled.",
                evidence, "Move these mailboxes and the public folders to Office 365 or the new Exchange server,"
                        + " including users added after the first move, then run the checks again; task"
                        + " demote.uninstall-exchange waits for this check.");
    }
}
