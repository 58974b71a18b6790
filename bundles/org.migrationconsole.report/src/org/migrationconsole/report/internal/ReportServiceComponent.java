package org.migrationconsole.report.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

import org.migrationconsole.api.state.MigrationStateService;
import org.migrationconsole.report.Report;
import org.migrationconsole.report.ReportFormat;
import org.migrationconsole.report.ReportSectionContributor;
import org.migrationconsole.report.ReportService;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;

/** The report service: builds the document and writes HTML and PDF atomically. */
@Component(service = ReportService.class)
public class ReportServiceComponent implements ReportService {

    @Reference
    private MigrationStateService state;

    private final List<ReportSectionContributor> contributors = new CopyOnWriteArrayList<>();

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void addContributor(ReportSectionContributor c) {
        contributors.add(c);
    }

    void removeContributor(ReportSectionContributor c) {
        contributors.remove(c);
    }

    @Override
    public Report build() {
        List<ReportSectionContributor> ordered = new ArrayList<>(contributors);
        ordered.sort(Comparator.comparingInt(ReportSectionContributor::order));
        return new ReportBuilder(state, ordered, Instant.now(), ZoneId.systemDefault()).build();
    }

    @Override
    public List<Path> write(Path dir, Set<ReportFormat> formats) throws IOException {
        if (formats == null || formats.isEmpty()) {
            throw new IllegalArgumentException("formats: name at least one of html, pdf");
        }
        Report report = build();
        String generated = generatedText(report);
        Files.createDirectories(dir);
        List<Path> written = new ArrayList<>();
        for (ReportFormat f : ReportFormat.values()) {
            if (!formats.contains(f)) {
                continue;
            }
            byte[] bytes = switch (f) {
                case HTML -> HtmlWriter.write(report, generated).getBytes(StandardCharsets.UTF_8);
                case PDF -> {
                    ByteArrayOutputStream out = new ByteArrayOutputStream(256 * 1024);
                    PdfWriter.write(report, generated, out);
                    yield out.toByteArray();
                }
            };
            Path target = dir.resolve(f.fileName());
            writeAtomically(target, bytes);
            written.add(target);
        }
        return written;
    }

    static String generatedText(Report r) {
        return "Generated " + java.time.format.DateTimeFormatter.ofPattern("d MMMM yyyy 'at' HH:mm", java.util.Locale.ENGLISH)
                .format(r.generatedAt().atZone(r.zone())) + " (" + r.zone().getId() + ") by Migration Console";
    }

    static void writeAtomically(Path target, byte[] bytes) throws IOException {
        Path tmp = target.resolveSibling("." + target.getFileName() + ".tmp");
        try {
            Files.write(tmp, bytes);
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
                ch.force(true);
            }
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }
}
