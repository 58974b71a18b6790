package org.migrationconsole.step.demote.internal.checks;

import java.util.ArrayList;
import java.util.List;

import org.migrationconsole.api.check.CheckContext;
import org.migrationconsole.api.check.CheckResult;
import org.migrationconsole.api.check.Directory;
import org.migrationconsole.api.check.Directory.Entry;
import org.migrationconsole.api.check.Directory.Scope;
import org.migrationconsole.api.check.MigrationCheck;
import org.migrationconsole.api.check.Severity;
import org.osgi.service.component.annotations.Component;

/**
 * Users that still have an Exchange 2003 mailbox (homeMDB or msExchHomeServerName). Exchange
 * refuses to uninstall while mailboxes remain (catalog 6.1a). A legacyExchangeDN alone stays
 * after a mailbox move, so it is reported but not counted as a mailbox.
 */
@Component(service = MigrationCheck.class)
public class ExchangeMailboxesCheck implements MigrationCheck {

    @Override
    public String id() {
        return "exchange.mailboxes";
    }

    @Override
    public String title() {
        return "No Exchange 2003 mailboxes are left on the source";
    }

    @Override
    public String stepId() {
        return "demote";
    }

    @Override
    public Severity severity() {
        return Severity.WARNING;
    }

    @Override
    public CheckResult run(CheckContext ctx) throws Exception {
        Directory dir = ctx.directory();
        // read the attributes rather than filter on them: a domain without Exchange lacks them in its schema
        List<Entry> users = dir.search(dir.defaultNamingContext(), Scope.SUBTREE,
                "(&(objectCategory=person)(objectClass=user))", "sAMAccountName", "homeMDB", "msExchHomeServerName",
                "legacyExchangeDN");
        List<String> mailboxes = new ArrayList<>();
        List<String> evidence = new ArrayList<>();
        List<String> mailOnly = new ArrayList<>();
        for (Entry e : users) {
            String sam = e.first("sAMAccountName");
            String mdb = e.first("homeMDB");
            String home = e.first("msExchHomeServerName");
            if (mdb != null || home != null) {
                mailboxes.add(sam);
                evidence.add(sam + ": homeMDB=" + (mdb == null ? "(none)" : mdb) + "; msExchHomeServerName="
                        + (home == null ? "(none)" : home));
            } else if (e.first("legacyExchangeDN") != null) {
                mailOnly.add(sam + " (" + e.first("legacyExchangeDN") + ")");
            }
        }
        mailboxes.sort(String.CASE_INSENSITIVE_ORDER);
        evidence.sort(String.CASE_INSENSITIVE_ORDER);
        evidence.add("legacyExchangeDN without a mailbox (not counted, it stays after a move): "
                + (mailOnly.isEmpty() ? "none" : String.join(", ", mailOnly)));
        if (mailboxes.isEmpty()) {
            return CheckResult.pass("No user has an Exchange 2003 mailbox any more, so Exchange can be uninstalled.",
                    evidence);
        }
        return CheckResult.fail((mailboxes.size() == 1 ? "1 user still has" : mailboxes.size() + " users still have")
                + " an Exchange 2003 mailbox on the source ("
                + String.join(", ", mailboxes) + "), which must be moved before Exchange can be uninstalled.",
                evidence, "Move these mailboxes (and any public folders) to Office 365 or the new Exchange server,"
                        + " including users added after the first move, then uninstall Exchange 2003 (task"
                        + " demote.uninstall-exchange) and run the checks again.");
    }
}
