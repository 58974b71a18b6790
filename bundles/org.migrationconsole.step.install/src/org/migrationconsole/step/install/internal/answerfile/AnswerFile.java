package org.migrationconsole.step.install.internal.answerfile;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The lines of a cfg.ini, kept in order: sections, key=value entries, comments, blank lines and
 * anything else, so that a file read and written again keeps what this console does not know.
 * Section and key names are case-sensitive (as Setup reads them). Values are never changed by
 * reading, validating or writing; only {@link #set} and {@link #remove} change the file.
 */
public final class AnswerFile {

    /** What a line is. */
    public enum Kind {
        SECTION, ENTRY, COMMENT, BLANK, OTHER
    }

    /**
     * One line. For a section, {@code section} is its name; for an entry, the section it is in
     * (empty before the first section header), the key and the value.
     */
    public record Line(Kind kind, String raw, String section, String key, String value) {
    }

    private final List<Line> lines = new ArrayList<>();

    public AnswerFile() {
    }

    /** Parses the text of a cfg.ini (line breaks CRLF, LF or CR). */
    public static AnswerFile parse(String text) {
        AnswerFile f = new AnswerFile();
        String section = "";
        String[] parts = text.split("\r\n|\n|\r", -1);
        int count = parts.length;
        if (count > 0 && parts[count - 1].isEmpty()) {
            count--; // the text ended with a line break
        }
        for (int i = 0; i < count; i++) {
            String raw = parts[i];
            String t = raw.strip();
            if (t.isEmpty()) {
                f.lines.add(new Line(Kind.BLANK, raw, section, null, null));
            } else if (t.startsWith(";") || t.startsWith("#")) {
                f.lines.add(new Line(Kind.COMMENT, raw, section, null, null));
            } else if (t.startsWith("[") && t.endsWith("]")) {
                section = t.substring(1, t.length() - 1).strip();
                f.lines.add(new Line(Kind.SECTION, raw, section, null, null));
            } else if (t.indexOf('=') > 0) {
                int eq = raw.indexOf('=');
                f.lines.add(new Line(Kind.ENTRY, raw, section, raw.substring(0, eq).strip(),
                        raw.substring(eq + 1).strip()));
            } else {
                f.lines.add(new Line(Kind.OTHER, raw, section, null, null));
            }
        }
        return f;
    }

    public List<Line> lines() {
        return List.copyOf(lines);
    }

    /** The value of the first entry {@code key} in {@code section}. */
    public Optional<String> get(String section, String key) {
        return lines.stream().filter(l -> l.kind() == Kind.ENTRY && l.section().equals(section)
                && l.key().equals(key)).map(Line::value).findFirst();
    }

    /** The value, or "" when the key is absent. */
    public String value(String section, String key) {
        return get(section, key).orElse("");
    }

    public List<String> sections() {
        return lines.stream().filter(l -> l.kind() == Kind.SECTION).map(Line::section).distinct().toList();
    }

    /**
     * Sets a key: replaces the first entry's line, or adds it at the end of the section (making
     * the section at the end of the file if it is missing).
     */
    public void set(String section, String key, String value) {
        if (value.indexOf('\r') >= 0 || value.indexOf('\n') >= 0) {
            throw new IllegalArgumentException(key + ": a value cannot hold a line break");
        }
        Line line = new Line(Kind.ENTRY, key + "=" + value, section, key, value);
        for (int i = 0; i < lines.size(); i++) {
            Line l = lines.get(i);
            if (l.kind() == Kind.ENTRY && l.section().equals(section) && l.key().equals(key)) {
                lines.set(i, line);
                return;
            }
        }
        int header = -1;
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).kind() == Kind.SECTION && lines.get(i).section().equals(section)) {
                header = i;
                break;
            }
        }
        if (header < 0) {
            if (!lines.isEmpty() && lines.get(lines.size() - 1).kind() != Kind.BLANK) {
                lines.add(new Line(Kind.BLANK, "", section, null, null));
            }
            lines.add(new Line(Kind.SECTION, "[" + section + "]", section, null, null));
            lines.add(line);
            return;
        }
        int at = header + 1;
        int lastEntry = header;
        while (at < lines.size() && lines.get(at).kind() != Kind.SECTION) {
            if (lines.get(at).kind() != Kind.BLANK) {
                lastEntry = at;
            }
            at++;
        }
        lines.add(lastEntry + 1, line);
    }

    /** Removes every entry {@code key} of {@code section}. */
    public void remove(String section, String key) {
        lines.removeIf(l -> l.kind() == Kind.ENTRY && l.section().equals(section) && l.key().equals(key));
    }

    /** The text with CRLF after every line. */
    public String text() {
        StringBuilder b = new StringBuilder();
        for (Line l : lines) {
            b.append(l.raw()).append("\r\n");
        }
        return b.toString();
    }
}
