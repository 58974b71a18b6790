package org.migrationconsole.step.move.internal.data;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.migrationconsole.api.artifact.ScriptQuoting;

/**
 * The robocopy scripts of the data move: one {@code .cmd} per mapped share and one that runs them
 * all. CRLF, UTF-8 without byte-order mark (a BOM would break the first line; {@code chcp 65001} on
 * the second makes cmd.exe read the rest, with any non-ASCII names, as UTF-8). Every value is
 * quoted with {@link ScriptQuoting} or refused.
 */
public final class RobocopyScripts {

    public static final String RUN_ALL = "robocopy-all.cmd";
    static final String CRLF = "\r\n";

    /** The switches, each with the line of the header that explains it. */
    static final String[][] SWITCHES = {
            { "/E", "copy every subfolder, empty ones included" },
            { "/B", "backup mode: read every file whatever its permissions (a domain administrator has the right)" },
            { "/COPY:DATSOU", "copy Data, Attributes, Timestamps, Security (NTFS ACLs), Owner and aUditing info" },
            { "/DCOPY:DAT", "copy folders' Data, Attributes and Timestamps" },
            { "/R:1", "retry a failed file once (robocopy's default is a million times)" },
            { "/W:1", "wait 1 second before that retry (default 30 seconds)" },
            { "/MT:n", "copy n files at once (multi-threaded)" },
            { "/XJ", "skip junction points (they can loop, e.g. Application Data)" },
            { "/NP", "no percentage per file in the log" },
            { "/LOG+:<share>.log", "append the log to <share>.log next to this script" } };

    private RobocopyScripts() {
    }

    /** The text of a value inside double quotes (the quotes themselves left off). */
    private static String inner(String value, String what) {
        String q = ScriptQuoting.cmd(value, what);
        return q.substring(1, q.length() - 1);
    }

    /** The script file name of a share. */
    public static String fileName(String share) {
        return "robocopy-" + share + ".cmd";
    }

    /**
     * The files: {@link #RUN_ALL} first, then one per share in the mapping's order.
     *
     * @param mappings source share → destination ("SHARE" or "SHARE\folder")
     * @throws IllegalArgumentException naming the value a script cannot carry
     */
    public static Map<String, byte[]> produce(String source, String destination, Map<String, String> mappings,
            int threads) {
        if (threads < 1 || threads > 128) {
            throw new IllegalArgumentException("threads must be between 1 and 128 (robocopy /MT:n), not " + threads);
        }
        Map<String, byte[]> out = new LinkedHashMap<>();
        List<String> all = new ArrayList<>();
        all.add("@echo off");
        all.add("chcp 65001 >nul");
        all.add("rem Migration Console: copies every mapped share of the source to the destination with robocopy,");
        all.add("rem one share after the other (each share's own script does the work and explains the switches).");
        all.add("rem Run it ON THE DESTINATION server, as a domain administrator, in an elevated command prompt:");
        all.add("rem robocopy run there with /B /COPY:DATSOU is the way to keep the NTFS permissions and owners.");
        all.add("setlocal");
        all.add("set failed=");
        Map<String, String> perShare = new LinkedHashMap<>();
        for (Map.Entry<String, String> m : mappings.entrySet()) {
            String share = m.getKey();
            String file = fileName(share);
            String from = "\\\\" + source + "\\" + share;
            String to = "\\\\" + destination + "\\" + m.getValue();
            List<String> s = new ArrayList<>();
            s.add("@echo off");
            s.add("chcp 65001 >nul");
            s.add("rem Migration Console: copies the share " + inner(from, "source share " + share) + " to "
                    + inner(to, "destination of " + share) + " with robocopy.");
            s.add("rem Run it ON THE DESTINATION server, as a domain administrator, in an elevated command prompt:");
            s.add("rem robocopy run there with /B /COPY:DATSOU is the way to keep the NTFS permissions and owners");
            s.add("rem (a copy through another machine does not keep them). The source is only read.");
            s.add("rem");
            for (String[] sw : SWITCHES) {
                s.add(String.format("rem   %-18s %s", sw[0], sw[1]));
            }
            s.add("rem");
            s.add("rem robocopy's exit code 0 to 7 means success (1: files were copied, 2: extra files at the");
            s.add("rem destination, 3: both); 8 or more means some files or folders could not be copied: read the log.");
            s.add("rem It can be run again: files already copied and unchanged are skipped.");
            s.add("setlocal");
            s.add("robocopy " + ScriptQuoting.cmd(from, "source share " + share) + " "
                    + ScriptQuoting.cmd(to, "destination of " + share)
                    + " /E /B /COPY:DATSOU /DCOPY:DAT /R:1 /W:1 /MT:" + threads + " /XJ /NP \"/LOG+:%~dp0"
                    + inner(share + ".log", "log of " + share) + "\"");
            s.add("set rc=%ERRORLEVEL%");
            s.add("if %rc% GEQ 8 (");
            s.add("  echo " + ScriptQuoting.cmdUnquoted(share, "share name")
                    + ": robocopy reported failures ^(exit %rc%^); read the log");
            s.add("  exit /b %rc%");
            s.add(")");
            s.add("echo " + ScriptQuoting.cmdUnquoted(share, "share name") + ": copied ^(robocopy exit %rc%^)");
            s.add("exit /b 0");
            perShare.put(file, String.join(CRLF, s) + CRLF);
            all.add("call \"%~dp0" + inner(file, "script of " + share) + "\" || set failed=1");
        }
        all.add("if defined failed (");
        all.add("  echo At least one share was not copied completely: read its log.");
        all.add("  exit /b 8");
        all.add(")");
        all.add("echo Every share was copied.");
        all.add("exit /b 0");
        out.put(RUN_ALL, (String.join(CRLF, all) + CRLF).getBytes(StandardCharsets.UTF_8));
        perShare.forEach((f, t) -> out.put(f, t.getBytes(StandardCharsets.UTF_8)));
        return out;
    }
}
