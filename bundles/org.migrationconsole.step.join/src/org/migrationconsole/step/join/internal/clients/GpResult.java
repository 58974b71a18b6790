package org.migrationconsole.step.join.internal.clients;

import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the output of {@code gpresult /r} (as pasted or saved from a client) for where Group Policy
 * came from: per section (COMPUTER SETTINGS, USER SETTINGS) the "Group Policy was applied from:" server
 * and "Last time Group Policy was applied:". Only the English output is known (catalog 3.2, the sample
 * in the migration guide); another language is reported as not recognised, never guessed.
 */
public final class GpResult {

    /** One section of the output. */
    public record Section(String name, String appliedFrom, String lastApplied) {
    }

    private static final Pattern HEADER = Pattern.compile("^\\s*(COMPUTER SETTINGS|USER SETTINGS)\\s*$");
    private static final Pattern FROM = Pattern.compile("^\\s*Group Policy was applied from:\\s*(.*?)\\s*$");
    private static final Pattern LAST = Pattern.compile("^\\s*Last time Group Policy was applied:\\s*(.*?)\\s*$");

    private GpResult() {
    }

    /**
     * Decodes the bytes: UTF-16 with a byte-order mark (PowerShell's {@code >}), UTF-8 (with or
     * without a mark), else the OEM code page 850 a console redirect writes.
     */
    public static String decode(byte[] b) {
        if (b.length >= 2 && (b[0] & 0xff) == 0xff && (b[1] & 0xff) == 0xfe) {
            return new String(b, 2, b.length - 2, StandardCharsets.UTF_16LE);
        }
        if (b.length >= 2 && (b[0] & 0xff) == 0xfe && (b[1] & 0xff) == 0xff) {
            return new String(b, 2, b.length - 2, StandardCharsets.UTF_16BE);
        }
        if (b.length >= 4 && b[1] == 0 && b[3] == 0 && b[0] != 0) {
            return new String(b, StandardCharsets.UTF_16LE); // UTF-16LE without a mark
        }
        int start = b.length >= 3 && (b[0] & 0xff) == 0xef && (b[1] & 0xff) == 0xbb && (b[2] & 0xff) == 0xbf ? 3 : 0;
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(java.nio.ByteBuffer.wrap(b, start, b.length - start)).toString();
        } catch (CharacterCodingException e) {
            return new String(b, Charset.forName("IBM850"));
        }
    }

    /** The sections found, in order; empty when the text is not (English) gpresult /r output. */
    public static List<Section> parse(String text) {
        List<Section> out = new ArrayList<>();
        String section = null;
        String from = null;
        String last = null;
        for (String line : text.split("\r\n|\r|\n", -1)) {
            Matcher h = HEADER.matcher(line);
            if (h.matches()) {
                if (section != null && from != null) {
                    out.add(new Section(section, from, last));
                }
                section = h.group(1).toLowerCase(Locale.ROOT);
                from = null;
                last = null;
                continue;
            }
            Matcher f = FROM.matcher(line);
            if (f.matches()) {
                from = f.group(1);
                if (section == null) {
                    section = "settings";
                }
                continue;
            }
            Matcher l = LAST.matcher(line);
            if (l.matches()) {
                last = l.group(1);
            }
        }
        if (section != null && from != null) {
            out.add(new Section(section, from, last));
        }
        return out;
    }

    /** Whether a server named in the output is {@code host} (full DNS name or its first label). */
    public static boolean sameServer(String named, String host) {
        if (named == null || host == null || named.isBlank() || host.isBlank()) {
            return false;
        }
        String a = named.strip().toLowerCase(Locale.ROOT).replaceAll("\\.$", "");
        String b = host.strip().toLowerCase(Locale.ROOT).replaceAll("\\.$", "");
        if (a.equals(b)) {
            return true;
        }
        // a NetBIOS name against a DNS name: the first labels
        return (!a.contains(".") || !b.contains(".")) && a.split("\\.")[0].equals(b.split("\\.")[0]);
    }
}
