package org.migrationconsole.step.bpa.internal.imports;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

import org.migrationconsole.core.files.SafeFiles;
import org.migrationconsole.step.bpa.internal.store.BpaRun;

/**
 * Reads an exported result of Microsoft's own BPA into a run of its own (origin {@code import}).
 * The formats are the replaceable {@link ImportFormat}s; none is verified against a real Essentials
 * export, which the command and the view say.
 */
public final class MicrosoftBpaImport {

    public static final String UNVERIFIED = "The format of an exported Microsoft BPA result is not documented; this"
            + " import reads 'Get-BpaResult | Export-Csv' as its documented result object describes it (unverified).";

    static final long MAX_BYTES = 8L << 20;

    private final List<ImportFormat> formats;

    public MicrosoftBpaImport(List<ImportFormat> formats) {
        this.formats = List.copyOf(formats);
    }

    public static MicrosoftBpaImport standard() {
        return new MicrosoftBpaImport(List.of(new CsvResultFormat()));
    }

    /**
     * @throws IllegalArgumentException the file is in no known format (naming the formats) or
     *             breaks one (naming the line)
     */
    public BpaRun read(Path file, String destination) throws IOException {
        byte[] bytes = SafeFiles.readBounded(file, MAX_BYTES, "exported BPA result");
        String text = decode(bytes);
        for (ImportFormat f : formats) {
            if (f.accepts(text)) {
                Instant now = Instant.now();
                return new BpaRun(BpaRun.idOf(now), now, "import", destination == null ? "" : destination,
                        file.getFileName() + " (" + f.name() + ")", false, f.parse(text));
            }
        }
        throw new IllegalArgumentException(file + " is in no format the import knows ("
                + String.join("; ", formats.stream().map(ImportFormat::name).toList()) + ")");
    }

    /** UTF-16LE with BOM (PowerShell 5's default for some cmdlets), UTF-8 with or without BOM. */
    static String decode(byte[] b) throws IOException {
        if (b.length >= 2 && (b[0] & 0xFF) == 0xFF && (b[1] & 0xFF) == 0xFE) {
            return new String(b, 2, b.length - 2, StandardCharsets.UTF_16LE);
        }
        return SafeFiles.utf8(b, "exported BPA result");
    }
}
