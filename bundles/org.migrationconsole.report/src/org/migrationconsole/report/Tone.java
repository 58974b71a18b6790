package org.migrationconsole.report;

/** How a row, a bar or a note should read: colour and emphasis, the same in HTML and PDF. */
public enum Tone {
    NEUTRAL, GOOD, INFO, WARNING, BAD, MUTED
}
