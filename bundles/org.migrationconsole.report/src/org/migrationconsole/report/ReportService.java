package org.migrationconsole.report;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Builds the customer's migration report from the migration state, the connection profile, the
 * check runs and the sections steps contribute. It reads nothing from secure storage.
 */
@ProviderType
public interface ReportService {

    /** The report as a document, built now (for previews and tests). */
    Report build();

    /**
     * Writes the report into {@code dir} (created if missing) as {@code migration-report.html}
     * and/or {@code migration-report.pdf}, replacing earlier files of the same name atomically.
     *
     * @return the files written, in the order of {@link ReportFormat}
     * @throws IOException when the directory or a file cannot be written; nothing half-written is
     *             left behind
     */
    List<Path> write(Path dir, Set<ReportFormat> formats) throws IOException;
}
