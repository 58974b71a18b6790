package org.migrationconsole.step.install.internal.answerfile;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;

/**
 * The migration-only keys of the answer file (the source server's name and address, the domain
 * administrator Setup joins with, migration mode). No published document names them (catalog
 * 3.1), so the key set marks them {@code opt-in}: a writer sets them only when the administrator
 * asked for them. A key the key set does not list (e.g. a confirmed set without it) is never
 * written; a key the key set lists without {@code opt-in} (confirmed on real Setup media) is.
 */
public final class MigrationKeys {

    private MigrationKeys() {
    }

    /** What the console would write for each migration-only key, before the key set filters it. */
    public static Map<String, String> values(String sourceName, String sourceAddress, String adminAccount) {
        Map<String, String> out = new LinkedHashMap<>();
        put(out, "SourceServerName", sourceName);
        put(out, "SourceServerIPv4Address", sourceAddress);
        put(out, "SourceDomainAdminName", adminAccount);
        out.put("MigrationMode", "true");
        return out;
    }

    private static void put(Map<String, String> out, String key, String value) {
        if (value != null && !value.isBlank()) {
            out.put(key, value);
        }
    }

    /** What {@link #apply} did: keys written, and opt-in keys left out because nobody asked. */
    public record Outcome(List<String> written, List<String> leftOut) {
    }

    /**
     * Sets the migration-only keys the key set lists: all of them when {@code optIn}, otherwise
     * only those not flagged opt-in. A value already in the file for a key left out stays as it is
     * (it was put there by hand or on request earlier; nothing is lost).
     */
    public static Outcome apply(AnswerFile file, KeyCatalog catalog, boolean optIn, Map<String, String> values) {
        return select(catalog, optIn, values, (spec, value) -> file.set(spec.section(), spec.key(), value));
    }

    /**
     * The same choice as {@link #apply}, handing each key to write to {@code set} (e.g. the
     * answer-file artifact's field values).
     */
    public static Outcome select(KeyCatalog catalog, boolean optIn, Map<String, String> values,
            BiConsumer<KeySpec, String> set) {
        List<String> written = new ArrayList<>();
        List<String> leftOut = new ArrayList<>();
        values.forEach((key, value) -> catalog.key(AnswerFileValidator.INITIAL, key).ifPresent(spec -> {
            if (spec.optIn() && !optIn) {
                leftOut.add(key);
            } else {
                set.accept(spec, value);
                written.add(key);
            }
        }));
        return new Outcome(written, leftOut);
    }
}
