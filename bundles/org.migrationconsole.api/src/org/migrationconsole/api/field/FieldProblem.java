package org.migrationconsole.api.field;

import java.util.Objects;

/**
 * A refusal: the field, the rule it breaks and a sentence that says so. The message names the
 * field and the rule but never contains the value (it may be a secret).
 *
 * @param fieldId the field's id, or a comma-separated list for a rule across fields
 * @param ruleId the rule's id, e.g. {@code required} or {@code netbios-name}
 * @param message one sentence for the administrator
 */
public record FieldProblem(String fieldId, String ruleId, String message) {

    public FieldProblem {
        Objects.requireNonNull(fieldId);
        Objects.requireNonNull(ruleId);
        Objects.requireNonNull(message);
    }

    /** "field [rule]: message", the form the command line and logs show. */
    @Override
    public String toString() {
        return fieldId + " [" + ruleId + "]: " + message;
    }
}
