package org.migrationconsole.step.install.internal.answerfile;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The answer-file keys the console knows, read from a data file ({@value #RESOURCE} in this
 * bundle) so that an update can replace the key set without code changes, e.g. once the
 * migration-only keys are confirmed. One key per line:
 * {@code Section|Key|Group|rule,rule|flags|explanation}; flags are any of {@code required},
 * {@code secret}, {@code unverified}, {@code opt-in} (written only when asked for); lines starting with
 * {@code #} are comments.
 */
public final class KeyCatalog {

    public static final String RESOURCE = "answerfile-keys.txt";

    /** Overrides the shipped key set with a file, e.g. -Dmigrationconsole.answerfile.keys=FILE. */
    public static final String OVERRIDE_PROPERTY = "migrationconsole.answerfile.keys";

    private final List<KeySpec> keys;

    private KeyCatalog(List<KeySpec> keys) {
        this.keys = List.copyOf(keys);
    }

    /** The override file if the property names one, else the shipped data file. */
    public static KeyCatalog load() {
        String override = System.getProperty(OVERRIDE_PROPERTY);
        try {
            if (override != null && !override.isBlank()) {
                try (Reader r = Files.newBufferedReader(Path.of(override), StandardCharsets.UTF_8)) {
                    return parse(r);
                }
            }
            try (InputStream in = KeyCatalog.class.getResourceAsStream("/" + RESOURCE)) {
                if (in == null) {
                    throw new IllegalStateException(RESOURCE + " is missing from the install step bundle");
                }
                return parse(new InputStreamReader(in, StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the answer-file key set: " + e.getMessage(), e);
        }
    }

    public static KeyCatalog parse(Reader reader) throws IOException {
        List<KeySpec> keys = new ArrayList<>();
        BufferedReader r = new BufferedReader(reader);
        String line;
        int n = 0;
        while ((line = r.readLine()) != null) {
            n++;
            if (line.isBlank() || line.strip().startsWith("#")) {
                continue;
            }
            String[] f = line.split("\\|", 6);
            if (f.length != 6) {
                throw new IOException("key set line " + n + ": expected 6 fields separated by |");
            }
            List<Rule> rules = new ArrayList<>();
            for (String id : f[3].split(",")) {
                if (!id.isBlank()) {
                    try {
                        rules.add(Rule.byId(id.strip()));
                    } catch (IllegalArgumentException e) {
                        throw new IOException("key set line " + n + ": " + e.getMessage(), e);
                    }
                }
            }
            List<String> flags = List.of(f[4].strip().split("\\s*,\\s*"));
            keys.add(new KeySpec(f[0].strip(), f[1].strip(), f[2].strip(), rules, flags.contains("required"),
                    flags.contains("secret"), flags.contains("unverified"), flags.contains("opt-in"), f[5].strip()));
        }
        return new KeyCatalog(keys);
    }

    public List<KeySpec> keys() {
        return keys;
    }

    public Optional<KeySpec> key(String section, String key) {
        return keys.stream().filter(k -> k.section().equals(section) && k.key().equals(key)).findFirst();
    }

    /** The groups in the order they first appear. */
    public List<String> groups() {
        return keys.stream().map(KeySpec::group).distinct().toList();
    }
}
