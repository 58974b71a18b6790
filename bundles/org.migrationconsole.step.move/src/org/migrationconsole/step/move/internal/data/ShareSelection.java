package org.migrationconsole.step.move.internal.data;

import java.util.Locale;
import java.util.Optional;
import java.util.Set;

import org.migrationconsole.connect.shares.ShareSession.Kind;
import org.migrationconsole.connect.shares.ShareSession.Share;

/** Which shares of the source hold user data: disk shares, less the ones Windows makes for itself. */
public final class ShareSelection {

    /** Shares Windows and a domain controller make for themselves (upper case). */
    private static final Set<String> SYSTEM = Set.of("ADMIN$", "IPC$", "PRINT$", "NETLOGON", "SYSVOL", "FAX$");

    private ShareSelection() {
    }

    /** Why a share is left out of the data move, or empty when it holds user data. */
    public static Optional<String> excludedBecause(Share share) {
        String n = share.name().toUpperCase(Locale.ROOT);
        if (share.kind() == Kind.PRINTER) {
            return Optional.of("a printer");
        }
        if (share.kind() == Kind.IPC) {
            return Optional.of("inter-process communication, not files");
        }
        if (share.kind() == Kind.DEVICE) {
            return Optional.of("a device");
        }
        if (n.matches("[A-Z]\\$")) {
            return Optional.of("the administrative share of drive " + n.charAt(0) + ":");
        }
        if (SYSTEM.contains(n)) {
            return Optional.of(switch (n) {
                case "ADMIN$" -> "the administrative share of the Windows folder";
                case "PRINT$" -> "printer drivers";
                case "NETLOGON" -> "logon scripts of the domain (moved with the domain, not as data)";
                case "SYSVOL" -> "the domain's policies and scripts (replicated by the domain controllers)";
                default -> "made by Windows";
            });
        }
        return Optional.empty();
    }
}
