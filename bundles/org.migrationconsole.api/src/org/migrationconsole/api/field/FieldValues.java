package org.migrationconsole.api.field;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The values of a form: field id to text, in insertion order. An absent value reads as "".
 * Values of {@link FieldKind#SECRET} fields are held here only while a file is produced; call
 * {@link #clearSecrets(java.util.List)} when done.
 */
public final class FieldValues {

    private final Map<String, String> values = new LinkedHashMap<>();

    public FieldValues() {
    }

    public FieldValues(Map<String, String> initial) {
        initial.forEach(this::put);
    }

    public FieldValues copy() {
        return new FieldValues(values);
    }

    /** The value, or "" when there is none. */
    public String get(String fieldId) {
        return values.getOrDefault(fieldId, "");
    }

    public boolean has(String fieldId) {
        return !get(fieldId).isEmpty();
    }

    /** Sets a value; null or "" removes it. */
    public FieldValues put(String fieldId, String value) {
        Objects.requireNonNull(fieldId);
        if (value == null || value.isEmpty()) {
            values.remove(fieldId);
        } else {
            values.put(fieldId, value);
        }
        return this;
    }

    /** Copies every non-empty value of {@code other} over this one's. */
    public FieldValues putAll(FieldValues other) {
        other.values.forEach(this::put);
        return this;
    }

    /** An unmodifiable view. */
    public Map<String, String> asMap() {
        return java.util.Collections.unmodifiableMap(values);
    }

    /** Removes the values of the secret fields among {@code fields}. */
    public void clearSecrets(java.util.List<Field> fields) {
        for (Field f : fields) {
            if (f.secret()) {
                values.remove(f.id());
            }
        }
    }

    /** The field ids with a value; never the values (they may be secrets). */
    @Override
    public String toString() {
        return "FieldValues" + values.keySet();
    }
}
