package org.migrationconsole.api.artifact;

/**
 * Quoting of values in the scripts artifacts generate, by each language's rules, or refusal of a
 * value that the language cannot carry safely. Every generated script puts each value it did not
 * write itself through one of these methods.
 *
 * @since 1.1
 */
public final class ScriptQuoting {

    private ScriptQuoting() {
    }

    /**
     * A PowerShell single-quoted string literal: {@code 'o''brien'}. Inside single quotes
     * PowerShell expands nothing ({@code $(...)}, {@code $x} and backticks stay text); a single
     * quote (also the typographic ones PowerShell treats as quotes, U+2018..U+201B) is doubled.
     *
     * @throws IllegalArgumentException naming {@code what} when the value holds a control character
     *             (a line break would end the statement)
     */
    public static String powerShell(String value, String what) {
        requireNoControl(value, what, "a PowerShell script");
        StringBuilder b = new StringBuilder(value.length() + 2).append('\'');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '\'' || (c >= '\u2018' && c <= '\u201B')) {
                b.append(c);
            }
            b.append(c);
        }
        return b.append('\'').toString();
    }

    /**
     * A value for a {@code .cmd}/{@code .bat} command line, in double quotes: {@code %} is doubled
     * (so {@code %PATH%} is not expanded), and {@code ^ & | < > ( )} need no caret inside the quotes.
     * A value holding a double quote, a {@code !} (delayed expansion) or a control character cannot
     * be carried safely and is refused.
     *
     * @throws IllegalArgumentException naming {@code what} and the character
     */
    public static String cmd(String value, String what) {
        requireNoControl(value, what, "a .cmd script");
        StringBuilder b = new StringBuilder(value.length() + 2).append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '"' || c == '!') {
                throw new IllegalArgumentException(what + " holds '" + c + "', which a .cmd script cannot carry"
                        + " safely; refused");
            }
            if (c == '%') {
                b.append('%');
            }
            b.append(c);
        }
        return b.append('"').toString();
    }

    /**
     * A value for a {@code .cmd}/{@code .bat} line outside quotes (e.g. an {@code echo}): each of
     * {@code ^ & | < > ( )} gets a caret, {@code %} is doubled. Double quotes, {@code !} and control
     * characters are refused.
     *
     * @throws IllegalArgumentException naming {@code what} and the character
     */
    public static String cmdUnquoted(String value, String what) {
        requireNoControl(value, what, "a .cmd script");
        StringBuilder b = new StringBuilder(value.length() + 8);
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '"', '!' -> throw new IllegalArgumentException(what + " holds '" + c + "', which a .cmd"
                        + " script cannot carry safely; refused");
                case '%' -> b.append("%%");
                case '^', '&', '|', '<', '>', '(', ')' -> b.append('^').append(c);
                default -> b.append(c);
            }
        }
        return b.toString();
    }

    private static void requireNoControl(String value, String what, String where) {
        if (value == null) {
            throw new IllegalArgumentException(what + " is missing");
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < 0x20 || (c >= 0x7f && c <= 0x9f) || c == '\u2028' || c == '\u2029') {
                throw new IllegalArgumentException(what + " holds the control character U+" + String.format(
                        "%04X", (int) c) + ", which " + where + " cannot carry; refused");
            }
        }
    }
}
