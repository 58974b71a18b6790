package org.migrationconsole.report.internal;

import org.migrationconsole.report.Tone;

/** The report's colours, shared by the HTML and the PDF writer (RGB hex without '#'). */
final class Palette {

    static final String INK = "1F2933";
    static final String SOFT_INK = "52606D";
    static final String RULE = "D9E2EC";
    static final String HEADER_BG = "F0F4F8";
    static final String ACCENT = "0B4F6C";

    private Palette() {
    }

    /** Strong colour: bars, badges. */
    static String strong(Tone t) {
        return switch (t) {
            case GOOD -> "2E7D32";
            case INFO -> "1565C0";
            case WARNING -> "E08600";
            case BAD -> "C62828";
            case MUTED -> "B0BEC5";
            case NEUTRAL -> "546E7A";
        };
    }

    /** Light tint: callout backgrounds. */
    static String tint(Tone t) {
        return switch (t) {
            case GOOD -> "E8F5E9";
            case INFO -> "E3F2FD";
            case WARNING -> "FFF4E0";
            case BAD -> "FDECEA";
            case MUTED, NEUTRAL -> "F0F4F8";
        };
    }

    /** A number in the series' colour on white (darker where the bar colour is too light for text). */
    static String label(Tone t) {
        return switch (t) {
            case WARNING -> "A15C00";
            case MUTED -> SOFT_INK;
            default -> strong(t);
        };
    }

    /** Text on the strong colour. */
    static String onStrong(Tone t) {
        return t == Tone.MUTED ? INK : "FFFFFF";
    }

    static float[] rgb(String hex) {
        int v = Integer.parseInt(hex, 16);
        return new float[] { ((v >> 16) & 0xFF) / 255f, ((v >> 8) & 0xFF) / 255f, (v & 0xFF) / 255f };
    }
}
