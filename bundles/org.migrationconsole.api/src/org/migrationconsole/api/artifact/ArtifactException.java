package org.migrationconsole.api.artifact;

import java.util.List;

import org.migrationconsole.api.field.FieldProblem;

/**
 * An artifact cannot be read or produced: the message says why; when values broke rules,
 * {@link #problems()} lists each with field and rule.
 */
public class ArtifactException extends Exception {

    private static final long serialVersionUID = 1L;

    private final List<FieldProblem> problems;

    public ArtifactException(String message) {
        this(message, List.of());
    }

    public ArtifactException(String message, List<FieldProblem> problems) {
        super(message);
        this.problems = List.copyOf(problems);
    }

    public ArtifactException(String message, Throwable cause) {
        super(message, cause);
        this.problems = List.of();
    }

    /** The broken rules, empty when the failure is not about values. */
    public List<FieldProblem> problems() {
        return problems;
    }
}
