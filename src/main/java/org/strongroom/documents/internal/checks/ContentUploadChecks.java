package org.strongroom.documents.internal.checks;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

import org.apache.tika.mime.MediaType;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.convert.DurationStyle;
import org.springframework.stereotype.Component;
import org.springframework.util.unit.DataSize;
import org.strongroom.documents.DocumentsConfigurationProblem;
import org.strongroom.documents.FileNames;

/**
 * The upload checks, configured by {@code strongroom.documents.*}:
 * <ul>
 * <li>type: the first 64 KiB are read at once and the type decided from them (see
 * {@link ContentTypes}); it must be on {@code allowed-types} exactly (aliases resolved). Active
 * content (HTML, SVG, XHTML, scripts) can never be allowed.</li>
 * <li>size: more than {@code max-size} bytes read is {@code documents.upload.tooLarge}, at once.</li>
 * <li>image metadata (asked per upload, or always with {@code strip-image-metadata: true}):
 * JPEG and PNG are rewritten as they stream; other images cannot be stripped properly as a
 * stream and are refused ({@code documents.upload.cannotStrip}) rather than kept with their
 * metadata.</li>
 * <li>malware ({@code malware-scan.clamd}): the bytes that are stored go to clamd as they pass;
 * the verdict comes in {@link CheckedUpload#finish()}. When clamd cannot be reached and the scan
 * is {@code required}, the upload is refused already in {@link #begin} (no point in receiving
 * it), or in {@code finish()} when clamd fails on the way.</li>
 * </ul>
 * Settings are checked at start-up; a wrong one stops the server with one line.
 */
@Component
public final class ContentUploadChecks implements UploadChecks, DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(ContentUploadChecks.class);

    private static final Set<MediaType> STRIPPABLE = Set.of(MediaType.image("jpeg"), MediaType.image("png"));

    /** Settings, checked. */
    record Settings(long maxSize, Set<MediaType> allowed, boolean stripAlways, Optional<ClamdAddress> clamd, boolean scanRequired,
            Duration scanTimeout) {

        static Settings parse(String maxSize, String allowedTypes, boolean stripAlways, String clamd, boolean scanRequired,
                String scanTimeout) {
            long max;
            try {
                max = DataSize.parse(maxSize.strip()).toBytes();
            } catch (RuntimeException e) {
                max = -1;
            }
            if (max <= 0) {
                throw new DocumentsConfigurationProblem("strongroom.documents.max-size must be a size such as 100MB or 2GB");
            }
            Set<MediaType> allowed = new LinkedHashSet<>();
            for (String item : allowedTypes.split(",")) {
                String name = item.strip();
                if (name.isEmpty()) {
                    continue;
                }
                MediaType type = MediaType.parse(name);
                if (type == null || type.getType().equals("*") || type.getSubtype().equals("*")) {
                    throw new DocumentsConfigurationProblem("strongroom.documents.allowed-types: '" + name
                            + "' is not a media type (write them like application/pdf, separated by commas; no wildcards)");
                }
                if (!ContentTypes.known(type)) {
                    throw new DocumentsConfigurationProblem("strongroom.documents.allowed-types: '" + name
                            + "' is not a media type that can be recognised from file contents; check the spelling");
                }
                if (ContentTypes.active(type)) {
                    throw new DocumentsConfigurationProblem("strongroom.documents.allowed-types: '" + name
                            + "' is active content (it can run scripts when opened) and cannot be allowed");
                }
                allowed.add(ContentTypes.canonical(type));
            }
            if (allowed.isEmpty()) {
                throw new DocumentsConfigurationProblem("strongroom.documents.allowed-types must list at least one media type");
            }
            Duration timeout;
            try {
                timeout = DurationStyle.detectAndParse(scanTimeout.strip());
            } catch (RuntimeException e) {
                timeout = Duration.ZERO;
            }
            if (timeout.isNegative() || timeout.isZero()) {
                throw new DocumentsConfigurationProblem("strongroom.documents.malware-scan.timeout must be a positive duration such as 60s");
            }
            return new Settings(max, Set.copyOf(allowed), stripAlways, ClamdAddress.parse(clamd), scanRequired, timeout);
        }
    }

    private final Settings settings;
    private @Nullable ScheduledExecutorService timer;

    @Autowired
    ContentUploadChecks(@Value("${strongroom.documents.max-size:100MB}") String maxSize,
            @Value("${strongroom.documents.allowed-types}") String allowedTypes,
            @Value("${strongroom.documents.strip-image-metadata:false}") boolean stripAlways,
            @Value("${strongroom.documents.malware-scan.clamd:}") String clamd,
            @Value("${strongroom.documents.malware-scan.required:true}") boolean scanRequired,
            @Value("${strongroom.documents.malware-scan.timeout:60s}") String scanTimeout) {
        this(Settings.parse(maxSize, allowedTypes, stripAlways, clamd, scanRequired, scanTimeout));
    }

    ContentUploadChecks(Settings settings) {
        this.settings = settings;
    }

    /** The size limit in bytes (for messages: {@code documents.upload.tooLarge} takes it as {0}). */
    @Override
    public long maxSize() {
        return settings.maxSize();
    }

    @Override
    public CheckedUpload begin(InputStream body, String offeredName, boolean stripImageMetadata) throws IOException {
        InputStream limited = new SizeLimit(body, settings.maxSize());
        byte[] prefix = limited.readNBytes(ContentTypes.PREFIX);
        if (prefix.length == 0) {
            throw refused("documents.upload.empty");
        }
        MediaType type = ContentTypes.detect(prefix, prefix.length, offeredName == null ? "" : offeredName);
        if (!settings.allowed().contains(type) || ContentTypes.active(type)) {
            throw refused("documents.upload.typeNotAllowed");
        }
        InputStream content = new SequenceInputStream(new ByteArrayInputStream(prefix), limited);
        boolean strip = (stripImageMetadata || settings.stripAlways()) && type.getType().equals("image");
        if (strip) {
            if (!STRIPPABLE.contains(type)) {
                throw refused("documents.upload.cannotStrip");
            }
            content = type.getSubtype().equals("png") ? new PngMetadataFilter(content) : new JpegMetadataFilter(content);
        }
        ClamdSession scan = null;
        if (settings.clamd().isPresent()) {
            scan = ClamdSession.open(settings.clamd().get(), settings.scanTimeout(), timer());
            if (!scan.connected() && settings.scanRequired()) {
                throw refused("documents.upload.scannerUnavailable");
            }
        }
        return new CheckedContent(type.toString(), FileNames.display(offeredName), content, strip, scan, settings.scanRequired());
    }

    private static UploadRefused refused(String code) {
        log.info("upload refused: {}", code);
        return new UploadRefused(code);
    }

    private synchronized ScheduledExecutorService timer() {
        if (timer == null) {
            timer = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "clamd-timeout");
                t.setDaemon(true);
                return t;
            });
        }
        return timer;
    }

    @Override
    public synchronized void destroy() {
        if (timer != null) {
            timer.shutdownNow();
        }
    }
}
