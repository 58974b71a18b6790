package org.migrationconsole.api.field;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One typed value an artifact or an action needs, with its rules. Build with
 * {@link #builder(String)}:
 *
 * <pre>{@code
 * Field.builder("InitialConfiguration/ServerName").label("ServerName").group("Destination server")
 *         .help("The new server's name").required()
 *         .rule(FieldRule.matching("netbios-name", "1-15 letters, digits or hyphens", "[A-Za-z0-9-]{1,15}"))
 *         .build();
 * }</pre>
 */
public final class Field {

    private final String id;
    private final String label;
    private final String help;
    private final String group;
    private final FieldKind kind;
    private final boolean required;
    private final boolean unverified;
    private final List<String> choices;
    private final String defaultValue;
    private final List<FieldRule> rules;

    private Field(Builder b) {
        this.id = b.id;
        this.label = b.label == null ? b.id : b.label;
        this.help = b.help;
        this.group = b.group;
        this.kind = b.kind;
        this.required = b.required;
        this.unverified = b.unverified;
        this.choices = List.copyOf(b.choices);
        this.defaultValue = b.defaultValue;
        this.rules = List.copyOf(b.rules);
    }

    public static Builder builder(String id) {
        return new Builder(id);
    }

    /** Stable id; unique within its artifact or action (letters, digits, '.', '-', '_' and '/'). */
    public String id() {
        return id;
    }

    public String label() {
        return label;
    }

    /** What the value means, in one or two sentences. */
    public String help() {
        return help;
    }

    /** A heading the form groups the field under ("" for none). */
    public String group() {
        return group;
    }

    public FieldKind kind() {
        return kind;
    }

    public boolean required() {
        return required;
    }

    public boolean secret() {
        return kind == FieldKind.SECRET;
    }

    /** True when no published document confirms the field; the form says so. */
    public boolean unverified() {
        return unverified;
    }

    /** The allowed values of a {@link FieldKind#CHOICE} field (empty otherwise). */
    public List<String> choices() {
        return choices;
    }

    /** The value a new form starts with ("" for none). */
    public String defaultValue() {
        return defaultValue;
    }

    public List<FieldRule> rules() {
        return rules;
    }

    /**
     * Checks a value against {@link #required()}, the choices and every rule.
     *
     * @return the first problem, or empty when the value is acceptable
     */
    public Optional<FieldProblem> check(String value) {
        String v = value == null ? "" : value;
        if (v.isEmpty()) {
            return required ? Optional.of(new FieldProblem(id, "required", label + " must be filled in"))
                    : Optional.empty();
        }
        if (kind == FieldKind.CHOICE && !choices.contains(v)) {
            return Optional.of(new FieldProblem(id, "choice", label + " must be one of " + String.join(", ", choices)));
        }
        if (kind == FieldKind.BOOLEAN && !v.equals("true") && !v.equals("false")) {
            return Optional.of(new FieldProblem(id, "boolean", label + " must be true or false"));
        }
        for (FieldRule r : rules) {
            if (!r.accepts(v)) {
                return Optional.of(new FieldProblem(id, r.id(), label + ": " + r.description()));
            }
        }
        return Optional.empty();
    }

    /** Checks every field of a list against the values; the problems in field order. */
    public static List<FieldProblem> checkAll(List<Field> fields, FieldValues values) {
        List<FieldProblem> problems = new ArrayList<>();
        for (Field f : fields) {
            f.check(values.get(f.id())).ifPresent(problems::add);
        }
        return problems;
    }

    @Override
    public String toString() {
        return id;
    }

    /** Builds a {@link Field}. */
    public static final class Builder {
        private final String id;
        private String label;
        private String help = "";
        private String group = "";
        private FieldKind kind = FieldKind.TEXT;
        private boolean required;
        private boolean unverified;
        private final List<String> choices = new ArrayList<>();
        private String defaultValue = "";
        private final List<FieldRule> rules = new ArrayList<>();

        private Builder(String id) {
            if (!Objects.requireNonNull(id).matches("[A-Za-z0-9][A-Za-z0-9._/-]*")) {
                throw new IllegalArgumentException("field id '" + id + "' has characters other than letters, digits,"
                        + " '.', '-', '_' and '/'");
            }
            this.id = id;
        }

        public Builder label(String label) {
            this.label = label;
            return this;
        }

        public Builder help(String help) {
            this.help = Objects.requireNonNull(help);
            return this;
        }

        public Builder group(String group) {
            this.group = Objects.requireNonNull(group);
            return this;
        }

        public Builder kind(FieldKind kind) {
            this.kind = Objects.requireNonNull(kind);
            return this;
        }

        public Builder required() {
            this.required = true;
            return this;
        }

        public Builder unverified() {
            this.unverified = true;
            return this;
        }

        /** Makes the field a {@link FieldKind#CHOICE} of these values. */
        public Builder choices(String... values) {
            this.kind = FieldKind.CHOICE;
            this.choices.clear();
            this.choices.addAll(List.of(values));
            return this;
        }

        public Builder defaultValue(String value) {
            this.defaultValue = Objects.requireNonNull(value);
            return this;
        }

        public Builder rule(FieldRule rule) {
            this.rules.add(Objects.requireNonNull(rule));
            return this;
        }

        public Field build() {
            if (kind == FieldKind.CHOICE && choices.isEmpty()) {
                throw new IllegalStateException("choice field " + id + " has no choices");
            }
            return new Field(this);
        }
    }
}
