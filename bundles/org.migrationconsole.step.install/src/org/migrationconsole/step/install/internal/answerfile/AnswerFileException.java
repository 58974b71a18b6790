package org.migrationconsole.step.install.internal.answerfile;

/** A cfg.ini that cannot be read or written as Setup needs it (unreadable, UTF-8, unmappable). */
public class AnswerFileException extends Exception {

    private static final long serialVersionUID = 1L;

    public AnswerFileException(String message) {
        super(message);
    }

    public AnswerFileException(String message, Throwable cause) {
        super(message, cause);
    }
}
