package org.strongroom.crypto.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.GeneralSecurityException;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;
import org.strongroom.crypto.BlindIndexes;
import org.strongroom.crypto.IndexedField;
import org.strongroom.crypto.VaultSealed;

import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.Parameters;

class TinkBlindIndexesTests {

    static final IndexedField EMAIL = IndexedField.exact("client.email", 1_000_000);
    static final IndexedField PHONE = IndexedField.exact("client.phone", 1_000_000);
    static final IndexedField NAME = IndexedField.nameTokens("client.name", 1_000_000);

    /** A system key source holding one generated keyset, as SystemKeys would after unwrapping. */
    static final class FixedKeys implements SystemKeySource {
        final AtomicLong generation = new AtomicLong();
        final AtomicInteger loads = new AtomicInteger();
        volatile boolean sealed;
        final KeysetHandle keyset;

        FixedKeys() {
            TinkSetup.register();
            try {
                keyset = KeysetHandle.generateNew(TinkBlindIndexes.KEY_TYPE);
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException(e);
            }
        }

        @Override
        public KeysetHandle keyset(String purpose, Parameters parameters) {
            assertThat(purpose).isEqualTo(SystemKeys.BLIND_INDEX);
            assertThat(parameters).isEqualTo(TinkBlindIndexes.KEY_TYPE);
            if (sealed) {
                throw new VaultSealed();
            }
            loads.incrementAndGet();
            return keyset;
        }

        @Override
        public long generation() {
            return generation.get();
        }
    }

    final FixedKeys keys = new FixedKeys();
    final BlindIndexes indexes = new TinkBlindIndexes(keys);

    @Test
    void isDeterministicForOneKey() {
        assertThat(indexes.exact(EMAIL, "olena@example.org")).isEqualTo(indexes.exact(EMAIL, "olena@example.org"));
        assertThat(new TinkBlindIndexes(keys).exact(EMAIL, "olena@example.org")).isEqualTo(indexes.exact(EMAIL, "olena@example.org"));
    }

    /** Attack: comparing index columns across fields to link a client's email to their phone. */
    @Test
    void sameValueInTwoFieldsGivesUnrelatedIndexes() {
        int equal = 0;
        for (int i = 0; i < 200; i++) {
            if (indexes.exact(EMAIL, "value-" + i).equals(indexes.exact(PHONE, "value-" + i))) {
                equal++;
            }
        }
        // 18-bit indexes: two unrelated ones are equal with probability 2^-18
        assertThat(equal).isLessThanOrEqualTo(1);
    }

    @Test
    void exactAndNameTokenFieldsOfTheSameNameUseDifferentKeys() {
        IndexedField asExact = IndexedField.exact("client.name", 1_000_000);
        assertThat(indexes.nameTokens(NAME, "kovalenko")).doesNotContain(indexes.exact(asExact, "kovalenko"));
    }

    /** Attack: an index computed on another installation (other key) must not match ours. */
    @Test
    void anotherSystemKeyGivesOtherIndexes() {
        BlindIndexes other = new TinkBlindIndexes(new FixedKeys());
        int equal = 0;
        for (int i = 0; i < 200; i++) {
            if (indexes.exact(EMAIL, "value-" + i).equals(other.exact(EMAIL, "value-" + i))) {
                equal++;
            }
        }
        assertThat(equal).isLessThanOrEqualTo(1);
    }

    @Test
    void truncatesToTheFieldsBitsWithTheSpareBitsZero() {
        for (long records : new long[] {8, 100, 10_000, 1_000_000, 1L << 40}) {
            IndexedField field = IndexedField.exact("client.email", records);
            int bits = field.bits();
            int bytes = (bits + 7) / 8;
            int spare = bytes * 8 - bits;
            Set<String> seen = new HashSet<>();
            for (int i = 0; i < 300; i++) {
                String index = indexes.exact(field, "value-" + i);
                assertThat(index).hasSize(2 * bytes).matches("[0-9a-f]+");
                byte last = HexFormat.of().parseHex(index)[bytes - 1];
                assertThat(last & ((1 << spare) - 1)).as("spare bits of %s", index).isZero();
                seen.add(index);
            }
            // the bits that remain do vary: 300 values over 2^bits values
            assertThat(seen.size()).isGreaterThanOrEqualTo((int) Math.min(1L << bits, 200));
        }
    }

    @Test
    void truncationKeepsThePrefixOfTheTag() {
        byte[] tag = HexFormat.of().parseHex("ffffffff");
        assertThat(TinkBlindIndexes.truncate(tag.clone(), 18)).isEqualTo("ffffc0");
        assertThat(TinkBlindIndexes.truncate(tag.clone(), 16)).isEqualTo("ffff");
        assertThat(TinkBlindIndexes.truncate(tag.clone(), 2)).isEqualTo("c0");
    }

    @Test
    void spreadsValuesEvenlyOverTheIndexSpace() {
        IndexedField field = IndexedField.exact("client.email", 10_000); // 12 bits, 4096 values
        int[] counts = new int[4096];
        int n = 4096 * 20;
        for (int i = 0; i < n; i++) {
            counts[Integer.parseInt(indexes.exact(field, "person" + i + "@example.org"), 16) >> 4]++;
        }
        double chiSquare = 0;
        for (int count : counts) {
            chiSquare += Math.pow(count - 20, 2) / 20;
        }
        // 4095 degrees of freedom: mean 4095, standard deviation about 90; 4600 is over 5 sigma
        assertThat(chiSquare).isBetween(3600.0, 4600.0);
    }

    @Test
    void nameTokensFindTheNameWhateverTheScript() {
        Set<String> stored = indexes.nameTokens(NAME, "Коваленко Олена Петрівна");
        assertThat(stored).hasSize(3);
        assertThat(stored).containsAll(indexes.nameTokens(NAME, "Olena"));
        assertThat(stored).containsAll(indexes.nameTokens(NAME, "KOVALENKO, olena"));
        assertThat(indexes.nameTokens(NAME, "Olena Kovalenko")).isEqualTo(indexes.nameTokens(NAME, "Олена Коваленко"));
        assertThat(indexes.nameTokens(NAME, " . ")).isEmpty();
    }

    @Test
    void refusesTheWrongKindOfField() {
        assertThatIllegalArgumentException().isThrownBy(() -> indexes.exact(NAME, "olena")).withMessageContaining("client.name");
        assertThatIllegalArgumentException().isThrownBy(() -> indexes.nameTokens(EMAIL, "olena"));
        assertThatIllegalArgumentException().isThrownBy(() -> indexes.exact(EMAIL, null)).withMessageContaining("normalisedValue");
        assertThatIllegalArgumentException().isThrownBy(() -> indexes.exact(null, "x")).withMessageContaining("field");
    }

    @Test
    void derivesEachFieldKeyOnceAndAgainAfterTheKeysAreForgotten() {
        indexes.exact(EMAIL, "a");
        indexes.exact(EMAIL, "b");
        indexes.exact(PHONE, "a");
        assertThat(keys.loads).hasValue(2);
        String before = indexes.exact(EMAIL, "a");
        keys.generation.incrementAndGet();
        assertThat(indexes.exact(EMAIL, "a")).isEqualTo(before);
        assertThat(keys.loads).hasValue(3);
    }

    /** Attack: using cached blind-index keys after the operator sealed the vault. */
    @Test
    void refusesToIndexOnceTheKeysAreForgottenWhileSealed() {
        indexes.exact(EMAIL, "olena@example.org");
        keys.sealed = true;
        keys.generation.incrementAndGet();
        assertThatThrownBy(() -> indexes.exact(EMAIL, "olena@example.org")).isInstanceOf(VaultSealed.class);
    }

    @Test
    void matchesComparesWholeIndexes() {
        String index = indexes.exact(EMAIL, "olena@example.org");
        assertThat(BlindIndexes.matches(index, indexes.exact(EMAIL, "olena@example.org"))).isTrue();
        assertThat(BlindIndexes.matches(index, indexes.exact(EMAIL, "olena@example.com"))).isFalse();
        assertThat(BlindIndexes.matches(index, index.substring(0, 4))).isFalse();
        assertThat(BlindIndexes.matches(index, index + "00")).isFalse();
        assertThat(BlindIndexes.matches(index, null)).isFalse();
        assertThat(BlindIndexes.matches(null, null)).isFalse();
    }

    @Test
    void indexesFromManyThreadsAgree() throws Exception {
        String expected = indexes.exact(EMAIL, "olena@example.org");
        Set<String> seen = java.util.concurrent.ConcurrentHashMap.newKeySet();
        Thread[] threads = new Thread[4];
        for (int t = 0; t < threads.length; t++) {
            threads[t] = new Thread(() -> {
                for (int i = 0; i < 20_000; i++) {
                    seen.add(indexes.exact(EMAIL, "olena@example.org"));
                    indexes.exact(EMAIL, "other-" + i);
                }
            });
            threads[t].start();
        }
        for (Thread thread : threads) {
            thread.join();
        }
        assertThat(seen).containsExactly(expected);
    }

    /** 1024 different values in 2^18 index values: a few birthday collisions are expected, many are not. */
    @Test
    void differentValuesRarelyShareAnIndex() {
        Set<String> distinct = new HashSet<>();
        for (int i = 0; i < 1024; i++) {
            distinct.add(indexes.exact(EMAIL, "person" + i + "@example.org"));
        }
        assertThat(distinct.size()).isGreaterThan(1000);
    }
}
