package org.migrationconsole.ui.internal.parts;

import java.util.ArrayList;
import java.util.List;

import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.Color;
import org.eclipse.swt.graphics.GC;
import org.eclipse.swt.graphics.Point;
import org.eclipse.swt.graphics.RGB;
import org.eclipse.swt.widgets.Canvas;
import org.eclipse.swt.widgets.Composite;

/**
 * A horizontal bar chart drawn with {@link GC}: one row per bar (label, stacked segments, a text
 * on the right). The rows are also kept as text ({@link #rows()}) for tests and accessibility.
 */
final class BarChart extends Canvas {

    static final RGB GOOD = new RGB(0x2E, 0x7D, 0x32);
    static final RGB INFO = new RGB(0x15, 0x65, 0xC0);
    static final RGB WARNING = new RGB(0xE0, 0x86, 0x00);
    static final RGB BAD = new RGB(0xC6, 0x28, 0x28);
    static final RGB MUTED = new RGB(0xA7, 0xB6, 0xC2);
    static final RGB TRACK = new RGB(0xF2, 0xF4, 0xF7);

    record Segment(double value, RGB colour) {
    }

    record Bar(String label, List<Segment> segments, String right) {
    }

    private final List<Bar> bars = new ArrayList<>();
    private double max = 1;
    private int labelWidth = 220;
    private static final int ROW = 24;
    private static final int BAR = 14;
    private static final int RIGHT = 150;
    /** Labels on their own line above each bar (for long labels in a narrow column). */
    private boolean labelsAbove;

    BarChart(Composite parent, String id) {
        super(parent, SWT.DOUBLE_BUFFERED);
        setData(org.migrationconsole.ui.step.StepParts.WIDGET_ID, id);
        setBackground(parent.getDisplay().getSystemColor(SWT.COLOR_LIST_BACKGROUND));
        addPaintListener(e -> paint(e.gc));
    }

    /** Puts each label on its own line above its bar. */
    BarChart labelsAbove() {
        labelsAbove = true;
        return this;
    }

    void set(List<Bar> newBars, double scaleMax, int labelColumn) {
        bars.clear();
        bars.addAll(newBars);
        max = Math.max(scaleMax, 1e-9);
        labelWidth = labelColumn;
        List<String> text = rows();
        setToolTipText(String.join("\n", text));
        redraw();
    }

    /** "label | right" per bar. */
    List<String> rows() {
        List<String> out = new ArrayList<>();
        for (Bar b : bars) {
            out.add(b.label() + " | " + b.right());
        }
        return out;
    }

    @Override
    public Point computeSize(int wHint, int hHint, boolean changed) {
        int row = labelsAbove ? ROW + lineHeight() : ROW;
        return new Point(wHint == SWT.DEFAULT ? 400 : wHint, Math.max(row, bars.size() * row + 4));
    }

    private int lineHeight() {
        GC gc = new GC(this);
        try {
            return gc.getFontMetrics().getHeight();
        } finally {
            gc.dispose();
        }
    }

    private void paint(GC gc) {
        gc.setAntialias(SWT.ON);
        int width = getClientArea().width;
        int fontH = gc.getFontMetrics().getHeight();
        // the label and right columns as wide as their longest text (labels at most labelWidth)
        int labelW = 0;
        int rightW = 0;
        for (Bar b : bars) {
            labelW = Math.max(labelW, gc.textExtent(b.label()).x + 10);
            rightW = Math.max(rightW, gc.textExtent(b.right()).x + 8);
        }
        labelW = labelsAbove ? 0 : Math.min(labelWidth, labelW);
        rightW = Math.min(RIGHT, rightW);
        int plot = Math.max(40, width - labelW - rightW - 8);
        int y = 2;
        for (Bar b : bars) {
            gc.setForeground(getDisplay().getSystemColor(SWT.COLOR_LIST_FOREGROUND));
            String label = b.label();
            int room = labelsAbove ? width : labelW;
            while (label.length() > 3 && gc.textExtent(label).x > room - 8) {
                label = label.substring(0, label.length() - 2);
                label = label.endsWith("…") ? label : label.substring(0, label.length() - 1) + "…";
            }
            if (labelsAbove) {
                gc.drawText(label, 0, y, true);
                y += fontH;
            } else {
                gc.drawText(label, 0, y + (BAR - fontH) / 2 + 1, true);
            }
            Color track = new Color(getDisplay(), TRACK);
            gc.setBackground(track);
            gc.fillRectangle(labelW, y, plot, BAR);
            track.dispose();
            double x = labelW;
            for (Segment s : b.segments()) {
                if (s.value() <= 0) {
                    continue;
                }
                double w = s.value() / max * plot;
                Color c = new Color(getDisplay(), s.colour());
                gc.setBackground(c);
                gc.fillRectangle((int) Math.round(x), y, Math.max(1, (int) Math.round(w)), BAR);
                c.dispose();
                x += w;
            }
            gc.setForeground(getDisplay().getSystemColor(SWT.COLOR_WIDGET_DARK_SHADOW));
            gc.drawText(b.right(), labelW + plot + 8, y + (BAR - fontH) / 2 + 1, true);
            y += ROW;
        }
    }
}
