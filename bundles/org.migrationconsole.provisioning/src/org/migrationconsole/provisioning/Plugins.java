package org.migrationconsole.provisioning;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.time.Duration;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import javax.xml.parsers.DocumentBuilderFactory;

import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The installation's plug-ins as p2 sees them: the features in {@code <install>/features} (which
 * feature includes which bundle) and the p2 director application, run in a separate JVM against
 * the installation's own profile to install or remove a step's feature. Changes take effect at
 * the next start.
 *
 * <p>Mapping rule between a step and its feature: the installed feature is the one that includes
 * the step's bundle; in a repository, the feature for step {@code ID} is the feature whose id ends
 * with {@code step.ID.feature} (e.g. {@code org.migrationconsole.step.prepare.feature},
 * {@code org.example.step.companyweb.feature}), unless {@code --feature} names it.
 */
public final class Plugins {

    private static final Logger LOG = LoggerFactory.getLogger(Plugins.class);

    /** A feature installed in the product. */
    public record Feature(String id, String version, List<String> plugins) {
    }

    /** What a director run printed and how it ended. */
    public record Result(int exitCode, String output) {
    }

    public static final String PLATFORM_FEATURE = "org.migrationconsole.platform.feature";

    private final Path installArea;
    private final String profile;
    private final Function<String, String> bundleVersion;

    public Plugins(Path installArea, String profile, Function<String, String> bundleVersion) {
        this.installArea = installArea;
        this.profile = profile == null || profile.isBlank() ? "DefaultProfile" : profile;
        this.bundleVersion = bundleVersion;
    }

    /** From the running framework's properties ({@code osgi.install.area}, {@code eclipse.p2.profile}). */
    public static Optional<Plugins> running(Function<String, String> bundleVersion) {
        String area = System.getProperty("osgi.install.area");
        if (area == null) {
            return Optional.empty();
        }
        try {
            Path p = Path.of(new URI(area.replace(" ", "%20")));
            return Optional.of(new Plugins(p, System.getProperty("eclipse.p2.profile"), bundleVersion));
        } catch (URISyntaxException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    public Path installArea() {
        return installArea;
    }

    public String profile() {
        return profile;
    }

    public String bundleVersion(String bundleId) {
        return bundleVersion.apply(bundleId);
    }

    /** The features in {@code <install>/features}, by id. */
    public Map<String, Feature> features() {
        Map<String, Feature> out = new LinkedHashMap<>();
        Path dir = installArea.resolve("features");
        if (!Files.isDirectory(dir)) {
            return out;
        }
        try (Stream<Path> s = Files.list(dir)) {
            for (Path f : s.sorted().toList()) {
                Path xml = f.resolve("feature.xml");
                if (!Files.isRegularFile(xml)) {
                    continue;
                }
                try (InputStream in = Files.newInputStream(xml)) {
                    DocumentBuilderFactory dbf = DocumentBuilderFactory.newInstance();
                    dbf.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
                    Document d = dbf.newDocumentBuilder().parse(in);
                    Element root = d.getDocumentElement();
                    List<String> plugins = new ArrayList<>();
                    NodeList nl = root.getElementsByTagName("plugin");
                    for (int i = 0; i < nl.getLength(); i++) {
                        plugins.add(((Element) nl.item(i)).getAttribute("id"));
                    }
                    out.put(root.getAttribute("id"), new Feature(root.getAttribute("id"),
                            root.getAttribute("version"), plugins));
                } catch (Exception e) {
                    // a feature we cannot read is not a step's feature
                }
            }
        } catch (IOException e) {
            return out;
        }
        return out;
    }

    /** The installed feature that includes the bundle (the step's feature). */
    public Optional<Feature> featureOf(String bundleId) {
        return features().values().stream().filter(f -> f.plugins().contains(bundleId))
                .filter(f -> !f.id().equals(PLATFORM_FEATURE)).findFirst()
                .or(() -> features().values().stream().filter(f -> f.plugins().contains(bundleId)).findFirst());
    }

    /** The feature ids a repository offers (director {@code -list}). */
    public List<String> repositoryFeatures(String repository, StringBuilder output) throws IOException,
            InterruptedException {
        Result r = director(List.of("-repository", repository, "-list"));
        output.append(r.output());
        if (r.exitCode() != 0) {
            throw new IOException("cannot read the repository " + repository + ":\n" + r.output().strip());
        }
        List<String> out = new ArrayList<>();
        Matcher m = Pattern.compile("(?m)^([A-Za-z0-9_.\\-]+)\\.feature\\.group=").matcher(r.output());
        while (m.find()) {
            out.add(m.group(1));
        }
        return out;
    }

    /** The features a repository offers with their highest version (director {@code -list}). */
    public Map<String, String> repositoryFeatureVersions(String repository) throws IOException,
            InterruptedException {
        Result r = director(List.of("-repository", repository, "-list"));
        if (r.exitCode() != 0) {
            throw new IOException("cannot read the repository " + repository + ":\n" + r.output().strip());
        }
        Map<String, String> out = new LinkedHashMap<>();
        Matcher m = Pattern.compile("(?m)^([A-Za-z0-9_.\\-]+)\\.feature\\.group=(\\S+)$").matcher(r.output());
        while (m.find()) {
            String v = m.group(2);
            out.merge(m.group(1), v, (a, b) -> compare(a, b) >= 0 ? a : b);
        }
        return out;
    }

    /** Compares two OSGi versions (major.minor.micro.qualifier). */
    public static int compare(String a, String b) {
        return org.osgi.framework.Version.parseVersion(a).compareTo(org.osgi.framework.Version.parseVersion(b));
    }

    /** An installed feature for which the repository has a higher version. */
    public record Update(String featureId, String installedVersion, String newVersion) {
    }

    /** Installed features (other than the platform's) the repository offers in a higher version. */
    public List<Update> updates(String repository) throws IOException, InterruptedException {
        Map<String, String> offered = repositoryFeatureVersions(repository);
        List<Update> out = new ArrayList<>();
        for (Feature f : features().values()) {
            String v = offered.get(f.id());
            if (v != null && !f.id().equals(PLATFORM_FEATURE) && compare(v, f.version()) > 0) {
                out.add(new Update(f.id(), f.version(), v));
            }
        }
        return out;
    }

    /** Replaces an installed feature by the repository's higher version, in one p2 operation. */
    public Result update(String repository, Update u) throws IOException, InterruptedException {
        return director(List.of("-repository", repository, "-installIU", u.featureId() + ".feature.group/"
                + u.newVersion(), "-uninstallIU", u.featureId() + ".feature.group/" + u.installedVersion(),
                "-destination", installArea.toString(), "-profile", profile));
    }

    /** The feature for step {@code stepId} among the offered ones (the naming rule), if exactly one. */
    public static Optional<String> featureForStep(List<String> features, String stepId) {
        List<String> hits = features.stream()
                .filter(f -> f.equals("step." + stepId + ".feature") || f.endsWith(".step." + stepId + ".feature"))
                .distinct().toList();
        return hits.size() == 1 ? Optional.of(hits.get(0)) : Optional.empty();
    }

    public Result install(String repository, String featureId) throws IOException, InterruptedException {
        return director(List.of("-repository", repository, "-installIU", featureId + ".feature.group",
                "-destination", installArea.toString(), "-profile", profile));
    }

    public Result uninstall(String featureId) throws IOException, InterruptedException {
        return director(List.of("-uninstallIU", featureId + ".feature.group", "-destination",
                installArea.toString(), "-profile", profile));
    }

    /** Runs the p2 director application of this installation in a separate JVM. */
    public Result director(List<String> args) throws IOException, InterruptedException {
        String java = ProcessHandle.current().info().command().orElse("java");
        Path launcher;
        try (Stream<Path> s = Files.list(installArea.resolve("plugins"))) {
            launcher = s.filter(p -> p.getFileName().toString().startsWith("org.eclipse.equinox.launcher_"))
                    .filter(p -> p.getFileName().toString().endsWith(".jar")).sorted().reduce((a, b) -> b)
                    .orElseThrow(() -> new IOException("no Equinox launcher in " + installArea.resolve("plugins")));
        }
        List<String> cmd = new ArrayList<>(List.of(java, "-Dosgi.requiredJavaVersion=21",
                "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Djava.awt.headless=true", "-jar",
                launcher.toString(), "-install", installArea.toString(), "-application",
                "org.eclipse.equinox.p2.director", "-nosplash", "-consoleLog"));
        cmd.addAll(args);
        LOG.info("p2 director: {}", String.join(" ", args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        p.getOutputStream().close();
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        Thread reader = new Thread(() -> {
            try (InputStream in = p.getInputStream()) {
                in.transferTo(out);
            } catch (IOException e) {
                // the process was ended; what was read so far is kept
            }
        }, "p2-director-output");
        reader.setDaemon(true);
        reader.start();
        Duration limit = directorTimeout();
        if (!p.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
            p.waitFor(10, TimeUnit.SECONDS);
            reader.join(2_000);
            String partial;
            synchronized (out) {
                partial = out.toString(StandardCharsets.UTF_8);
            }
            LOG.error("p2 director ended after {} s without finishing; its output so far:\n{}", limit.toSeconds(),
                    partial);
            throw new DirectorTimeoutException("the p2 director did not finish within " + limit.toSeconds()
                    + " s (a repository that does not answer, or a hung download) and was ended; nothing was"
                    + " changed unless p2 had already committed. Try again, or raise the limit with"
                    + " -D" + TIMEOUT_PROPERTY + "=SECONDS. Its output is in the log.", partial);
        }
        reader.join(10_000);
        String text;
        synchronized (out) {
            text = out.toString(StandardCharsets.UTF_8);
        }
        LOG.info("p2 director ended with {}", p.exitValue());
        if (p.exitValue() != 0) {
            LOG.warn("p2 director output:\n{}", text);
        }
        return new Result(p.exitValue(), text);
    }

    /** System property: the longest a director run may take, in seconds (default 600). */
    public static final String TIMEOUT_PROPERTY = "migrationconsole.p2.timeout";

    /** The longest a director run may take. */
    public static Duration directorTimeout() {
        try {
            long s = Long.parseLong(System.getProperty(TIMEOUT_PROPERTY, "600").strip());
            return Duration.ofSeconds(s > 0 ? s : 600);
        } catch (NumberFormatException e) {
            return Duration.ofSeconds(600);
        }
    }

    /** A director run that did not finish in time and was ended. */
    public static final class DirectorTimeoutException extends IOException {
        private static final long serialVersionUID = 1L;
        private final String output;

        public DirectorTimeoutException(String message, String output) {
            super(message);
            this.output = output;
        }

        /** What the director printed before it was ended. */
        public String output() {
            return output;
        }
    }
}
