package org.migrationconsole.actions.ad;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.migrationconsole.api.action.AttributeChange;
import org.migrationconsole.api.action.Change;
import org.migrationconsole.api.action.DirectoryChange;
import org.migrationconsole.api.action.FileChange;
import org.migrationconsole.api.action.WritableDirectory;
import org.migrationconsole.api.action.WritableFileShares;
import org.migrationconsole.api.check.Directory.Entry;
import org.migrationconsole.api.check.Directory.Scope;

/**
 * Edits a GPO's security template ({@code MACHINE\Microsoft\Windows NT\SecEdit\GptTmpl.inf}) in
 * the file's own encoding and line endings (UTF-16LE with BOM as secedit writes it; UTF-8 with or
 * without BOM and ANSI files stay as they are), and raises the GPO's machine version in
 * {@code GPT.INI} and the container's {@code versionNumber} so that clients apply it.
 */
public final class GptTmplEdit {

    public static final String TEMPLATE = "MACHINE/Microsoft/Windows NT/SecEdit/GptTmpl.inf";
    /** The well-known GUID of the Default Domain Controllers Policy. */
    public static final String DEFAULT_DC_POLICY = "{6AC1786C-016F-11D2-945F-00C04FB984F9}";

    private GptTmplEdit() {
    }

    /** A text file decoded with what is needed to write it back byte for byte. */
    public record Text(String text, Charset charset, byte[] bom) {

        public static Text decode(byte[] b) {
            if (b.length >= 2 && (b[0] & 0xff) == 0xff && (b[1] & 0xff) == 0xfe) {
                return new Text(new String(b, 2, b.length - 2, StandardCharsets.UTF_16LE), StandardCharsets.UTF_16LE,
                        new byte[] {(byte) 0xff, (byte) 0xfe});
            }
            if (b.length >= 3 && (b[0] & 0xff) == 0xef && (b[1] & 0xff) == 0xbb && (b[2] & 0xff) == 0xbf) {
                return new Text(new String(b, 3, b.length - 3, StandardCharsets.UTF_8), StandardCharsets.UTF_8,
                        new byte[] {(byte) 0xef, (byte) 0xbb, (byte) 0xbf});
            }
            try {
                String s = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                        .decode(ByteBuffer.wrap(b)).toString();
                return new Text(s, StandardCharsets.UTF_8, new byte[0]);
            } catch (CharacterCodingException e) {
                Charset ansi = Charset.forName("windows-1252");
                return new Text(new String(b, ansi), ansi, new byte[0]);
            }
        }

        public byte[] encode(String newText) {
            byte[] body = newText.getBytes(charset);
            byte[] out = new byte[bom.length + body.length];
            System.arraycopy(bom, 0, out, 0, bom.length);
            System.arraycopy(body, 0, out, bom.length, body.length);
            return out;
        }

        /** The line ending the file uses ("\r\n" unless it has only "\n"). */
        public String newline() {
            return text.contains("\r\n") || !text.contains("\n") ? "\r\n" : "\n";
        }
    }

    /** Removes {@code key = ...} from a section; returns the text unchanged when absent. */
    public static String removeKey(String text, String section, String key) {
        List<String[]> lines = lines(text);
        boolean in = false;
        StringBuilder b = new StringBuilder();
        for (String[] l : lines) {
            String t = l[0].strip();
            if (t.startsWith("[")) {
                in = t.equalsIgnoreCase("[" + section + "]");
            } else if (in && keyOf(t).equalsIgnoreCase(key)) {
                continue;
            }
            b.append(l[0]).append(l[1]);
        }
        return b.toString();
    }

    /** The value of {@code key} in a section, or null. */
    public static String value(String text, String section, String key) {
        boolean in = false;
        for (String[] l : lines(text)) {
            String t = l[0].strip();
            if (t.startsWith("[")) {
                in = t.equalsIgnoreCase("[" + section + "]");
            } else if (in && keyOf(t).equalsIgnoreCase(key)) {
                int eq = t.indexOf('=');
                return eq < 0 ? "" : t.substring(eq + 1).strip();
            }
        }
        return null;
    }

    /**
     * Adds a value to the comma-separated list of {@code key} (creating the key at the end of the
     * section, or the section before {@code [Version]}); unchanged when the value is there already.
     */
    public static String addListValue(String text, String section, String key, String value, String newline) {
        String now = value(text, section, key);
        if (now != null) {
            for (String v : now.split(",")) {
                if (v.strip().equalsIgnoreCase(value)) {
                    return text;
                }
            }
        }
        List<String[]> lines = lines(text);
        StringBuilder b = new StringBuilder();
        boolean in = false;
        boolean done = false;
        for (int i = 0; i < lines.size(); i++) {
            String[] l = lines.get(i);
            String t = l[0].strip();
            if (t.startsWith("[")) {
                if (in && !done) { // end of the section without the key
                    b.append(key).append(" = ").append(value).append(newline);
                    done = true;
                }
                in = t.equalsIgnoreCase("[" + section + "]");
                if (!done && !in && t.equalsIgnoreCase("[Version]") && value(text, section, key) == null
                        && !hasSection(text, section)) {
                    b.append("[").append(section).append("]").append(newline).append(key).append(" = ").append(value)
                            .append(newline);
                    done = true;
                }
            } else if (in && !done && keyOf(t).equalsIgnoreCase(key)) {
                String nl = l[1];
                b.append(l[0].stripTrailing()).append(now.isEmpty() ? "" : ",").append(value).append(nl);
                done = true;
                continue;
            }
            b.append(l[0]).append(l[1]);
        }
        if (!done) {
            if (!in) {
                b.append("[").append(section).append("]").append(newline);
            }
            b.append(key).append(" = ").append(value).append(newline);
        }
        return b.toString();
    }

    static boolean hasSection(String text, String section) {
        for (String[] l : lines(text)) {
            if (l[0].strip().equalsIgnoreCase("[" + section + "]")) {
                return true;
            }
        }
        return false;
    }

    private static String keyOf(String line) {
        int eq = line.indexOf('=');
        return eq < 0 ? "" : line.substring(0, eq).strip();
    }

    /** Lines with their own ending ("\r\n", "\n" or "" for the last). */
    static List<String[]> lines(String text) {
        List<String[]> out = new ArrayList<>();
        int i = 0;
        while (i < text.length()) {
            int n = text.indexOf('\n', i);
            if (n < 0) {
                out.add(new String[] {text.substring(i), ""});
                break;
            }
            int end = n > i && text.charAt(n - 1) == '\r' ? n - 1 : n;
            out.add(new String[] {text.substring(i, end), text.substring(end, n + 1)});
            i = n + 1;
        }
        return out;
    }

    /** GPT.INI with the machine version (low 16 bits) raised by one. */
    public static String raiseMachineVersion(String gptIni, long newVersion) {
        Matcher m = Pattern.compile("(?im)^(\\s*Version\\s*=\\s*)(\\d+)").matcher(gptIni);
        if (m.find()) {
            return gptIni.substring(0, m.start(2)) + newVersion + gptIni.substring(m.end(2));
        }
        String nl = gptIni.contains("\r\n") || gptIni.isEmpty() ? "\r\n" : "\n";
        Matcher g = Pattern.compile("(?im)^\\[General\\][^\\n]*\\n").matcher(gptIni);
        if (g.find()) {
            return gptIni.substring(0, g.end()) + "Version=" + newVersion + nl + gptIni.substring(g.end());
        }
        return "[General]" + nl + "Version=" + newVersion + nl + gptIni;
    }

    static long version(String gptIni) {
        Matcher m = Pattern.compile("(?im)^\\s*Version\\s*=\\s*(\\d+)").matcher(gptIni);
        return m.find() ? Long.parseLong(m.group(1)) : 0;
    }

    /** The next version number: the user half kept, the machine half (low 16 bits) plus one. */
    public static long nextMachineVersion(long version) {
        long user = version >>> 16;
        long machine = (version & 0xffff) + 1;
        return (user << 16) | (machine & 0xffff);
    }

    public static String sha256(byte[] b) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A text edit of the template; returns the new text (the same text when nothing is to change). */
    @FunctionalInterface
    public interface Edit {
        String apply(String text, String newline);
    }

    /**
     * Plans an edit of a GPO's GptTmpl.inf: the file (REPLACE, in its own encoding), GPT.INI's
     * Version and the container's versionNumber raised. Empty when the edit changes nothing.
     */
    public static List<Change> plan(WritableDirectory dir, WritableFileShares sysvol, String gpoGuid, Edit edit,
            String why, Supplier<String> ids) throws Exception {
        String dn = "CN=" + gpoGuid + ",CN=Policies,CN=System," + dir.defaultNamingContext();
        List<Entry> found = dir.search(dn, Scope.BASE, "(objectClass=groupPolicyContainer)", "gPCFileSysPath",
                "versionNumber", "uSNChanged", "displayName");
        if (found.isEmpty()) {
            throw new IllegalStateException("the GPO " + gpoGuid + " does not exist (" + dn + ")");
        }
        Entry gpc = found.get(0);
        String[] sp = GpoPlans.sysvolPath(gpc.first("gPCFileSysPath"));
        String share = sp[0];
        String tmplPath = sp[1] + "/" + TEMPLATE;
        String iniPath = sp[1] + "/GPT.INI";
        byte[] old = sysvol.read(share, tmplPath);
        Text t = Text.decode(old);
        String edited = edit.apply(t.text(), t.newline());
        if (edited.equals(t.text())) {
            return List.of();
        }
        byte[] neu = t.encode(edited);
        byte[] iniOld = sysvol.read(share, iniPath);
        Text ini = Text.decode(iniOld);
        long gpcVersion = gpc.first("versionNumber") == null ? 0 : Long.parseLong(gpc.first("versionNumber"));
        long iniVersion = version(ini.text());
        long base = Math.max(gpcVersion, iniVersion);
        long next = nextMachineVersion(base);
        byte[] iniNew = ini.encode(raiseMachineVersion(ini.text(), next));
        List<Change> out = new ArrayList<>();
        String name = gpc.first("displayName");
        out.add(new FileChange(ids.get(), FileChange.Operation.REPLACE, "source", share, tmplPath, sha256(old), neu,
                why + " in '" + name + "' (" + t.charset().name().toLowerCase(Locale.ROOT) + (t.bom().length > 0
                        ? " with BOM" : "") + ")"));
        out.add(new FileChange(ids.get(), FileChange.Operation.REPLACE, "source", share, iniPath, sha256(iniOld),
                iniNew, "GPT.INI Version " + iniVersion + " -> " + next + " (machine version raised)"));
        out.add(new DirectoryChange(ids.get(), DirectoryChange.Operation.MODIFY, gpc.dn(), List.of(AttributeChange
                .replace("versionNumber", gpc.first("versionNumber") == null ? List.of() : List.of(gpc.first(
                        "versionNumber")), List.of(Long.toString(next)))), gpc.first("uSNChanged"),
                "the container's version, as GPT.INI"));
        return out;
    }
}
