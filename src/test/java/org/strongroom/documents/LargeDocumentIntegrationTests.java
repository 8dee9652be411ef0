package org.strongroom.documents;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.charset.StandardCharsets;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.strongroom.access.Actor;
import org.strongroom.clients.ClientProfile;
import org.strongroom.clients.ClientResult;
import org.strongroom.clients.ClientStatus;
import org.strongroom.clients.Clients;
import org.strongroom.clients.NewClient;
import org.strongroom.identity.StaffId;
import org.strongroom.identity.StaffRole;
import org.strongroom.identity.StaffStatus;
import org.strongroom.identity.internal.Accounts;
import org.strongroom.testing.TestFolders;

/**
 * A 1 GiB document goes in and comes back byte for byte, streamed: the live heap, measured after
 * a full collection at each quarter of the way, stays within a few megabytes of where it started
 * — on the way in (checks, encryption, fsync'd file) and on the way out (decryption).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE, properties = {
        "strongroom.data-dir=target/test-data/documents-large", "strongroom.audit.checkpoint-poll=1h",
        "strongroom.audit.verify-schedule=-", "strongroom.documents.max-size=2GB"})
class LargeDocumentIntegrationTests {

    static {
        TestFolders.fresh("documents-large");
    }

    static final long SIZE = 1L << 30;
    /** What the live heap may grow by while a gibibyte passes: a few segment buffers, far below the file. */
    static final long FLAT = 48L << 20;

    @Autowired
    Documents documents;
    @Autowired
    Clients clients;
    @Autowired
    Accounts accounts;

    @Test
    void aGibibyteRoundTripsByteForByteWithTheHeapStayingFlat() throws Exception {
        StaffId staff = StaffId.random();
        accounts.insert(staff, "large.owner." + staff.toString().substring(0, 8) + "@example.org", "Large Owner", null, StaffRole.OWNER,
                StaffStatus.ACTIVE, java.time.Instant.now());
        Actor owner = new Actor.Staff(staff, StaffRole.OWNER);
        ClientResult<ClientProfile> made = clients.create(owner, new NewClient(ClientStatus.ACTIVE,
                Map.of("given_name", "Vira", "family_name", "Velyka"), true));
        UUID client = ((ClientResult.Done<ClientProfile>) made).value().id();

        long baseline = liveHeap();
        Generated source = new Generated(SIZE);
        DocumentResult<DocumentDetails> result = documents.upload(owner, client,
                new DocumentMetadata("reports", "report", "Large scan", null, null, List.of()),
                new UploadSource(source, "large-scan.pdf", SIZE, false));
        assertThat(result).isInstanceOf(DocumentResult.Done.class);
        DocumentSummary stored = ((DocumentResult.Done<DocumentDetails>) result).value().document();
        assertThat(stored.size()).isEqualTo(SIZE);
        assertThat(source.samples).as("live heap on the way in").hasSize(3).allSatisfy(s -> assertThat(s - baseline).isLessThan(FLAT));

        Sink sink = new Sink(SIZE);
        documents.download(owner, client, stored.id(), null, null, false).writeTo(sink);
        assertThat(sink.count).isEqualTo(SIZE);
        assertThat(sink.digest.getMessageDigest().digest()).as("the same bytes came back").isEqualTo(source.digest.digest());
        assertThat(sink.samples).as("live heap on the way out").hasSize(3).allSatisfy(s -> assertThat(s - baseline).isLessThan(FLAT));
    }

    static long liveHeap() {
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        System.gc();
        System.gc();
        return memory.getHeapMemoryUsage().getUsed();
    }

    /** A PDF-looking stream of pseudo-random bytes, generated as it is read, digested as it goes. */
    static final class Generated extends InputStream {
        final MessageDigest digest = sha256();
        final List<Long> samples = new ArrayList<>();
        final SplittableRandom random = new SplittableRandom(42);
        final long size;
        long position;

        Generated(long size) {
            this.size = size;
        }

        @Override
        public int read() {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) {
            if (position >= size) {
                return -1;
            }
            int n = (int) Math.min(len, size - position);
            for (int i = 0; i < n; i += 8) {
                long r = random.nextLong();
                for (int j = 0; j < 8 && i + j < n; j++) {
                    b[off + i + j] = (byte) (r >>> (8 * j));
                }
            }
            if (position == 0) {
                byte[] header = "%PDF-1.7\n".getBytes(StandardCharsets.US_ASCII);
                System.arraycopy(header, 0, b, off, Math.min(n, header.length));
            }
            digest.update(b, off, n);
            long before = position;
            position += n;
            sample(before, position, size, samples);
            return n;
        }
    }

    /** Counts and digests what a download writes, sampling the live heap at each quarter. */
    static final class Sink extends OutputStream {
        final DigestOutputStream digest = new DigestOutputStream(OutputStream.nullOutputStream(), sha256());
        final List<Long> samples = new ArrayList<>();
        final long size;
        long count;

        Sink(long size) {
            this.size = size;
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            digest.write(b, off, len);
            long before = count;
            count += len;
            sample(before, count, size, samples);
        }
    }

    static void sample(long before, long after, long size, List<Long> samples) {
        for (int quarter = 1; quarter <= 3; quarter++) {
            long mark = size / 4 * quarter;
            if (before < mark && after >= mark) {
                samples.add(liveHeap());
            }
        }
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
