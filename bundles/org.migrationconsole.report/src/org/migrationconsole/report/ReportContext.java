package org.migrationconsole.report;

import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Optional;

import org.migrationconsole.api.check.ConnectionProfile;
import org.migrationconsole.api.state.MigrationStateService;
import org.osgi.annotation.versioning.ProviderType;

/** What a section contributor may read while the report is built. Never a secret. */
@ProviderType
public interface ReportContext {

    MigrationStateService state();

    /** The workspace directory (journal, checks/, the profile, the step's own files). */
    Path workspace();

    /** The workspace's connection profile, if one was imported. */
    Optional<ConnectionProfile> profile();

    Instant generatedAt();

    /** The time zone the report shows times in. */
    ZoneId zone();

    /** A time as the report shows it, e.g. "24 Nov 2026 14:10"; "–" for null. */
    String format(Instant at);
}
