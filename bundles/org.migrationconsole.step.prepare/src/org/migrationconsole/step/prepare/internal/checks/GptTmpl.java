package org.migrationconsole.step.prepare.internal.checks;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.migrationconsole.api.check.CheckContext;

/**
 * The security template ({@code GptTmpl.inf}) of the Default Domain Controllers Policy, read
 * from the source's SYSVOL share. secedit writes it in UTF-16LE with a byte order mark; the
 * decoding follows the mark and falls back to UTF-8.
 */
final class GptTmpl {

    /** The well-known GUID of the Default Domain Controllers Policy. */
    static final String DDCP_GUID = "{6AC1786C-016F-11D2-945F-00C04fB984F9}";
    static final String SHARE = "SYSVOL";
    private static final String TEMPLATE = "MACHINE/Microsoft/Windows NT/SecEdit/GptTmpl.inf";

    /** One line of the file, numbered from 1, with the section it is in. */
    record Line(int number, String section, String text) {
        String key() {
            int eq = text.indexOf('=');
            return eq < 0 ? text.strip() : text.substring(0, eq).strip();
        }

        String value() {
            int eq = text.indexOf('=');
            return eq < 0 ? "" : text.substring(eq + 1).strip();
        }

        /** The comma-separated entries of the value (e.g. {@code *S-1-5-32-544}), blanks dropped. */
        List<String> entries() {
            return Arrays.stream(value().split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
        }

        @Override
        public String toString() {
            return "line " + number + " [" + section + "]: " + text.strip();
        }
    }

    private final String path;
    private final List<Line> lines;

    private GptTmpl(String path, List<Line> lines) {
        this.path = path;
        this.lines = lines;
    }

    /** Where it was read from, e.g. {@code \\sbs2003.contoso.local\SYSVOL\contoso.local\Policies\...}. */
    String where() {
        return path;
    }

    /**
     * Reads the Default Domain Controllers Policy's template. The policy folder is looked up in
     * {@code <domain>/Policies} without regard to case (the GUID's case varies between servers).
     *
     * @return empty when the policy folder does not exist in SYSVOL
     */
    static Optional<GptTmpl> defaultDomainControllersPolicy(CheckContext ctx) throws Exception {
        String policies = ctx.profile().domain() + "/Policies/";
        String folder = null;
        for (String name : ctx.shares().list(SHARE, policies)) {
            String n = name.endsWith("/") ? name.substring(0, name.length() - 1) : name;
            if (n.equalsIgnoreCase(DDCP_GUID)) {
                folder = n;
            }
        }
        if (folder == null) {
            return Optional.empty();
        }
        String file = policies + folder + "/" + TEMPLATE;
        byte[] bytes = ctx.shares().read(SHARE, file);
        return Optional.of(new GptTmpl("\\\\" + ctx.profile().sourceHost() + "\\" + SHARE + "\\"
                + file.replace('/', '\\'), parse(decode(bytes))));
    }

    /** Decodes by byte order mark: UTF-16LE, UTF-16BE or UTF-8; without one, UTF-16LE if it looks so, else UTF-8. */
    static String decode(byte[] b) {
        Charset cs;
        int skip = 0;
        if (b.length >= 2 && (b[0] & 0xff) == 0xff && (b[1] & 0xff) == 0xfe) {
            cs = StandardCharsets.UTF_16LE;
            skip = 2;
        } else if (b.length >= 2 && (b[0] & 0xff) == 0xfe && (b[1] & 0xff) == 0xff) {
            cs = StandardCharsets.UTF_16BE;
            skip = 2;
        } else if (b.length >= 3 && (b[0] & 0xff) == 0xef && (b[1] & 0xff) == 0xbb && (b[2] & 0xff) == 0xbf) {
            cs = StandardCharsets.UTF_8;
            skip = 3;
        } else if (b.length >= 2 && b[0] != 0 && b[1] == 0) {
            cs = StandardCharsets.UTF_16LE;
        } else {
            cs = StandardCharsets.UTF_8;
        }
        return new String(b, skip, b.length - skip, cs);
    }

    static List<Line> parse(String text) {
        List<Line> out = new ArrayList<>();
        String section = "";
        String[] raw = text.split("\r\n|\r|\n", -1);
        for (int i = 0; i < raw.length; i++) {
            String t = raw[i].strip();
            if (t.startsWith("[") && t.endsWith("]")) {
                section = t.substring(1, t.length() - 1).strip();
            } else if (!t.isEmpty() && !t.startsWith(";")) {
                out.add(new Line(i + 1, section, raw[i]));
            }
        }
        return out;
    }

    /** The line setting {@code key} in {@code section} (both without regard to case). */
    Optional<Line> find(String section, String key) {
        return lines.stream().filter(l -> l.section().equalsIgnoreCase(section)
                && l.key().toLowerCase(Locale.ROOT).equals(key.toLowerCase(Locale.ROOT))).findFirst();
    }

    /** How many lines a section has (to show that it was read). */
    long count(String section) {
        return lines.stream().filter(l -> l.section().equalsIgnoreCase(section)).count();
    }
}
