package org.migrationconsole.cli.internal;

import java.io.IOException;
import java.io.PrintStream;
import java.io.Writer;
import java.nio.charset.Charset;

/**
 * The one place the command line makes text safe for a terminal: every control character that
 * could move the cursor, rewrite a line, set the window title, hide text or reverse its
 * direction (C0 but line feed and tab, DEL, C1 including NEL, the line and paragraph separators,
 * the bidirectional overrides, isolates and marks) is rendered visibly as {@code \\uXXXX}. The
 * same escape is a valid JSON escape of the same character, so a JSON document printed through
 * it keeps its exact value.
 */
final class TerminalText {

    private TerminalText() {
    }

    /** Whether {@code c} is rendered escaped. */
    static boolean unsafe(char c) {
        if (c == '\n' || c == '\t') {
            return false;
        }
        return c < 0x20 || (c >= 0x7f && c <= 0x9f) || c == '\u061C' || c == '\u200E' || c == '\u200F'
                || c == '\u2028' || c == '\u2029' || (c >= '\u202A' && c <= '\u202E')
                || (c >= '\u2066' && c <= '\u2069') || c == '\uFEFF';
    }

    /** {@code s} with every unsafe character as {@code \\uXXXX}. */
    static String escape(String s) {
        if (s == null) {
            return "null";
        }
        int i = 0;
        while (i < s.length() && !unsafe(s.charAt(i))) {
            i++;
        }
        if (i == s.length()) {
            return s;
        }
        StringBuilder b = new StringBuilder(s.length() + 16).append(s, 0, i);
        for (; i < s.length(); i++) {
            char c = s.charAt(i);
            if (unsafe(c)) {
                b.append(String.format("\\u%04x", (int) c));
            } else {
                b.append(c);
            }
        }
        return b.toString();
    }

    /** A print stream that escapes all text printed through it (bytes written directly pass as they are). */
    static PrintStream stream(PrintStream target) {
        if (target instanceof Escaping) {
            return target;
        }
        return new Escaping(target);
    }

    /** A writer (for picocli's usage and error messages) that escapes into {@code target}. */
    static Writer writer(PrintStream target) {
        PrintStream s = stream(target);
        return new Writer() {
            @Override
            public void write(char[] cbuf, int off, int len) {
                s.print(new String(cbuf, off, len));
            }

            @Override
            public void flush() {
                s.flush();
            }

            @Override
            public void close() throws IOException {
                s.flush();
            }
        };
    }

    private static final class Escaping extends PrintStream {
        Escaping(PrintStream target) {
            super(target, true, charset(target));
        }

        private static Charset charset(PrintStream target) {
            return target.charset();
        }

        @Override
        public void print(String s) {
            super.print(escape(s));
        }

        @Override
        public void print(Object obj) {
            super.print(escape(String.valueOf(obj)));
        }

        @Override
        public void print(char c) {
            super.print(escape(String.valueOf(c)));
        }

        @Override
        public void print(char[] s) {
            super.print(escape(new String(s)));
        }

        @Override
        public void println(char[] x) {
            synchronized (this) {
                print(x);
                println();
            }
        }
    }
}
