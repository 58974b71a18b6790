package org.migrationconsole.api.field;

import java.util.Objects;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * A named rule on one field's value: an id (lower-case words joined by hyphens, shown with every
 * refusal), the rule in words, and the test. A rule is only asked about non-empty values; "must
 * be filled in" is {@link Field#required()}.
 */
public final class FieldRule {

    private final String id;
    private final String description;
    private final Predicate<String> test;

    private FieldRule(String id, String description, Predicate<String> test) {
        if (!id.matches("[a-z0-9][a-z0-9.-]*")) {
            throw new IllegalArgumentException("rule id '" + id + "' must be lower-case words joined by hyphens");
        }
        this.id = id;
        this.description = Objects.requireNonNull(description);
        this.test = Objects.requireNonNull(test);
    }

    /** A rule given by a test: the test returns true when the value is acceptable. */
    public static FieldRule of(String id, String description, Predicate<String> test) {
        return new FieldRule(id, description, test);
    }

    /** A rule the whole value must match. */
    public static FieldRule matching(String id, String description, String regex) {
        Pattern p = Pattern.compile(regex);
        return new FieldRule(id, description, v -> p.matcher(v).matches());
    }

    public String id() {
        return id;
    }

    /** The rule in words, e.g. "at most 15 characters: letters, digits and hyphens". */
    public String description() {
        return description;
    }

    /** True when {@code value} (not empty) keeps the rule. */
    public boolean accepts(String value) {
        return test.test(value);
    }

    @Override
    public String toString() {
        return id;
    }
}
