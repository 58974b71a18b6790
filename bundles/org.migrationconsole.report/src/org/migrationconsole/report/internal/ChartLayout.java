package org.migrationconsole.report.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.migrationconsole.report.Block.Chart;
import org.migrationconsole.report.Block.Series;

/**
 * Lays a bar chart out as shapes in a {@link #WIDTH}-wide box, so the SVG and the PDF draw the
 * same picture. Text widths are estimated from the font size (DejaVu Sans proportions).
 */
final class ChartLayout {

    static final double WIDTH = 660;
    static final double FONT = 11;

    enum Anchor {
        START, MIDDLE, END
    }

    sealed interface Shape {
    }

    record Rect(double x, double y, double w, double h, String fill) implements Shape {
    }

    record Line(double x1, double y1, double x2, double y2, String stroke, double width) implements Shape {
    }

    record Text(double x, double y, String text, double size, Anchor anchor, String fill, boolean bold)
            implements Shape {
    }

    final List<Shape> shapes = new ArrayList<>();
    double height;

    static double textWidth(String s, double size) {
        // DejaVu Sans (the PDF's font) runs about 0.58 em a character; Helvetica and Arial in the
        // HTML are narrower, so the estimate errs on the side of room
        return s.length() * size * 0.58;
    }

    static ChartLayout of(Chart c) {
        ChartLayout l = new ChartLayout();
        double y = l.legend(c, 0);
        if (c.horizontal()) {
            l.horizontal(c, y);
        } else {
            l.vertical(c, y);
        }
        return l;
    }

    private double legend(Chart c, double y) {
        shapes.add(new Text(0, y + 13, c.title(), FONT + 2, Anchor.START, Palette.INK, true));
        double x = WIDTH;
        // legend right-aligned on the title's line
        for (int i = c.series().size() - 1; i >= 0; i--) {
            Series s = c.series().get(i);
            double w = s.name().length() * (FONT - 1) * 0.62;
            x -= w;
            shapes.add(new Text(x, y + 12, s.name(), FONT - 1, Anchor.START, Palette.SOFT_INK, false));
            x -= 14;
            shapes.add(new Rect(x, y + 3, 10, 10, Palette.strong(s.tone())));
            x -= 14;
        }
        return y + 28;
    }

    private double[] totals(Chart c) {
        double[] t = new double[c.categories().size()];
        for (Series s : c.series()) {
            for (int i = 0; i < t.length; i++) {
                t[i] += Math.max(0, s.values().get(i));
            }
        }
        return t;
    }

    static double niceStep(double max, int ticks) {
        double raw = Math.max(max, 1) / ticks;
        double mag = Math.pow(10, Math.floor(Math.log10(raw)));
        for (double m : new double[] { 1, 2, 5, 10 }) {
            if (m * mag >= raw) {
                return Math.max(m * mag, 1);
            }
        }
        return 10 * mag;
    }

    static String num(double v) {
        return v == Math.rint(v) ? String.valueOf((long) v) : String.format(Locale.ROOT, "%.1f", v);
    }

    private void vertical(Chart c, double top) {
        double[] totals = totals(c);
        double max = c.max() != null ? c.max() : 0;
        for (double t : totals) {
            max = Math.max(max, t);
        }
        double step = niceStep(max, 4);
        double scaleMax = Math.ceil(Math.max(max, 1) / step) * step;
        double axis = 34;
        double plotTop = top + 8;
        double plotH = 170;
        double plotW = WIDTH - axis;
        double base = plotTop + plotH;
        for (double v = 0; v <= scaleMax + 1e-9; v += step) {
            double yy = base - v / scaleMax * plotH;
            shapes.add(new Line(axis, yy, WIDTH, yy, v == 0 ? Palette.SOFT_INK : Palette.RULE, v == 0 ? 1 : 0.6));
            shapes.add(new Text(axis - 6, yy + 4, num(v), FONT - 1, Anchor.END, Palette.SOFT_INK, false));
        }
        int n = Math.max(1, c.categories().size());
        double group = plotW / n;
        double bar = Math.min(44, group * 0.62);
        // a label too wide for its slot ("1 Dec 14:10:05") goes on two lines at its last space
        double widest = 0;
        boolean twoLines = false;
        for (String cat : c.categories()) {
            widest = Math.max(widest, textWidth(cat, FONT - 1));
        }
        if (widest > group - 4 && c.categories().stream().allMatch(cat -> cat.contains(" "))) {
            twoLines = true;
            widest = 0;
            for (String cat : c.categories()) {
                int cut = cat.lastIndexOf(' ');
                widest = Math.max(widest, Math.max(textWidth(cat.substring(0, cut), FONT - 1),
                        textWidth(cat.substring(cut + 1), FONT - 1)));
            }
        }
        double labelEvery = Math.max(1, Math.ceil(n * (widest + 6) / plotW));
        for (int i = 0; i < c.categories().size(); i++) {
            double x = axis + group * i + (group - bar) / 2;
            double yy = base;
            // a segment too short for its number gets it beside the bar, in the series' colour,
            // kept a line apart from the one below
            double sideLimit = Double.MAX_VALUE;
            for (Series s : c.series()) {
                double v = Math.max(0, s.values().get(i));
                if (v <= 0) {
                    continue;
                }
                double h = v / scaleMax * plotH;
                yy -= h;
                shapes.add(new Rect(x, yy, bar, h, Palette.strong(s.tone())));
                String t = num(v);
                if (h >= FONT + 2 && bar >= textWidth(t, FONT - 2) + 4) {
                    shapes.add(new Text(x + bar / 2, yy + h / 2 + 4, t, FONT - 2, Anchor.MIDDLE,
                            Palette.onStrong(s.tone()), false));
                } else if ((group - bar) / 2 >= textWidth(t, FONT - 2) + 3) {
                    double ty = Math.min(yy + h / 2 + 3.5, sideLimit);
                    shapes.add(new Text(x + bar + 2, ty, t, FONT - 2, Anchor.START, Palette.label(s.tone()), true));
                    sideLimit = ty - (FONT - 2);
                }
            }
            if (totals[i] > 0) {
                shapes.add(new Text(x + bar / 2, yy - 4, num(totals[i]), FONT - 1, Anchor.MIDDLE, Palette.INK, true));
            }
            if (i % (int) labelEvery == 0) {
                String cat = c.categories().get(i);
                double cx = axis + group * i + group / 2;
                if (twoLines) {
                    int cut = cat.lastIndexOf(' ');
                    shapes.add(new Text(cx, base + 15, cat.substring(0, cut), FONT - 1, Anchor.MIDDLE,
                            Palette.SOFT_INK, false));
                    shapes.add(new Text(cx, base + 27, cat.substring(cut + 1), FONT - 1, Anchor.MIDDLE,
                            Palette.SOFT_INK, false));
                } else {
                    shapes.add(new Text(cx, base + 15, cat, FONT - 1, Anchor.MIDDLE, Palette.SOFT_INK, false));
                }
            }
        }
        height = base + (twoLines ? 36 : 24);
    }

    private void horizontal(Chart c, double top) {
        double[] totals = totals(c);
        double max = c.max() != null ? c.max() : 0;
        for (double t : totals) {
            max = Math.max(max, t);
        }
        double labelW = 0;
        for (String cat : c.categories()) {
            labelW = Math.max(labelW, textWidth(cat, FONT));
        }
        labelW = Math.min(labelW + 10, WIDTH * 0.42);
        double valueW = 64;
        double plotW = WIDTH - labelW - valueW;
        double row = 22;
        double bar = 14;
        double y = top + 4;
        double scaleMax = Math.max(max, 1);
        for (int i = 0; i < c.categories().size(); i++) {
            String label = c.categories().get(i);
            int maxChars = (int) Math.floor((labelW - 10) / (FONT * 0.58) + 1e-6);
            if (label.length() > maxChars) {
                label = label.substring(0, Math.max(1, maxChars - 1)) + "…";
            }
            shapes.add(new Text(0, y + bar - 3, label, FONT, Anchor.START, Palette.INK, false));
            shapes.add(new Rect(labelW, y, plotW, bar, "F5F7FA"));
            double x = labelW;
            for (Series s : c.series()) {
                double v = Math.max(0, s.values().get(i));
                if (v <= 0) {
                    continue;
                }
                double w = v / scaleMax * plotW;
                shapes.add(new Rect(x, y, w, bar, Palette.strong(s.tone())));
                String t = num(v);
                if (w >= textWidth(t, FONT - 2) + 6) {
                    shapes.add(new Text(x + w / 2, y + bar - 3.5, t, FONT - 2, Anchor.MIDDLE,
                            Palette.onStrong(s.tone()), false));
                }
                x += w;
            }
            String right = c.labels() != null ? c.labels().get(i)
                    : num(Math.max(0, c.series().get(0).values().get(i))) + " / " + num(totals[i]) + c.unit();
            shapes.add(new Text(WIDTH, y + bar - 3, right, FONT - 1, Anchor.END, Palette.SOFT_INK, false));
            y += row;
        }
        height = y + 4;
    }
}
