package org.migrationconsole.ui.step;

import java.util.EnumMap;
import java.util.Map;

import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.Color;
import org.eclipse.swt.graphics.GC;
import org.eclipse.swt.graphics.Image;
import org.eclipse.swt.graphics.RGB;
import org.eclipse.swt.widgets.Display;
import org.migrationconsole.api.state.ClockStatus;
import org.migrationconsole.api.state.TaskState;

/**
 * Small state icons drawn at run time (no image files to keep in step with the states), one set
 * per display, disposed with it.
 */
public final class StatusImages {

    private static final String KEY = StatusImages.class.getName();
    private static final int SIZE = 16;

    private final Map<TaskState, Image> images = new EnumMap<>(TaskState.class);

    private StatusImages(Display display) {
        for (TaskState s : TaskState.values()) {
            images.put(s, draw(display, s));
        }
        display.disposeExec(() -> images.values().forEach(Image::dispose));
    }

    /** The icon set of a display. */
    public static StatusImages of(Display display) {
        Object o = display.getData(KEY);
        if (o instanceof StatusImages si) {
            return si;
        }
        StatusImages si = new StatusImages(display);
        display.setData(KEY, si);
        return si;
    }

    public Image get(TaskState state) {
        return images.get(state);
    }

    /** The icon that best matches a clock level. */
    public Image get(ClockStatus.Level level) {
        return switch (level) {
            case NOT_STARTED -> get(TaskState.NOT_STARTED);
            case RUNNING -> get(TaskState.IN_PROGRESS);
            case WARNING -> get(TaskState.BLOCKED);
            case CRITICAL, EXPIRED -> get(TaskState.FAILED);
            case DONE -> get(TaskState.COMPLETED);
        };
    }

    /** The colour used for a state (also for text). */
    public static RGB rgb(TaskState s) {
        return switch (s) {
            case NOT_STARTED -> new RGB(150, 150, 150);
            case IN_PROGRESS -> new RGB(30, 110, 220);
            case COMPLETED -> new RGB(40, 150, 60);
            case SKIPPED -> new RGB(120, 120, 160);
            case BLOCKED -> new RGB(225, 140, 0);
            case FAILED -> new RGB(205, 40, 40);
        };
    }

    private static Image draw(Display display, TaskState s) {
        Image img = new Image(display, SIZE, SIZE);
        GC gc = new GC(img);
        Color c = new Color(display, rgb(s));
        Color white = display.getSystemColor(SWT.COLOR_WHITE);
        gc.setAntialias(SWT.ON);
        gc.setBackground(white);
        gc.fillRectangle(0, 0, SIZE, SIZE);
        gc.setBackground(c);
        gc.setForeground(c);
        gc.setLineWidth(2);
        switch (s) {
            case NOT_STARTED -> gc.drawOval(2, 2, 11, 11);
            case IN_PROGRESS -> {
                gc.drawOval(2, 2, 11, 11);
                gc.fillArc(2, 2, 12, 12, 90, 180);
            }
            case COMPLETED -> {
                gc.fillOval(1, 1, 14, 14);
                gc.setForeground(white);
                gc.drawPolyline(new int[] { 4, 8, 7, 11, 12, 5 });
            }
            case SKIPPED -> {
                gc.drawOval(2, 2, 11, 11);
                gc.drawLine(4, 8, 12, 8);
            }
            case BLOCKED -> {
                gc.fillRectangle(2, 2, 12, 12);
                gc.setForeground(white);
                gc.drawLine(5, 8, 11, 8);
            }
            case FAILED -> {
                gc.fillOval(1, 1, 14, 14);
                gc.setForeground(white);
                gc.drawLine(5, 5, 11, 11);
                gc.drawLine(11, 5, 5, 11);
            }
        }
        gc.dispose();
        c.dispose();
        return img;
    }
}
