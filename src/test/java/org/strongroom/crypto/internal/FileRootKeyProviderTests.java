package org.strongroom.crypto.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import org.junit.jupiter.api.Test;
import org.strongroom.crypto.CryptoConfigurationProblem;
import org.strongroom.testing.TestFolders;

class FileRootKeyProviderTests {

    @Test
    void createsAnOwnerOnlyKeyFileAndReusesIt() throws Exception {
        Path keys = TestFolders.fresh("root-key-create").resolve("keys");
        FileRootKeyProvider provider = new FileRootKeyProvider(keys);
        RootKeyProvider.OpenedRootKey first = provider.open();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(provider.keyFile()))).isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(keys))).isEqualTo("rwx------");

        byte[] wrapped = first.aead().encrypt("secret".getBytes(), "ad".getBytes());
        RootKeyProvider.OpenedRootKey second = new FileRootKeyProvider(keys).open();
        assertThat(second.keyId()).isEqualTo(first.keyId());
        assertThat(second.aead().decrypt(wrapped, "ad".getBytes())).isEqualTo("secret".getBytes());
    }

    @Test
    void refusesAKeyFileOthersCanRead() throws Exception {
        Path keys = TestFolders.fresh("root-key-shared").resolve("keys");
        FileRootKeyProvider provider = new FileRootKeyProvider(keys);
        provider.open();
        Files.setPosixFilePermissions(provider.keyFile(), PosixFilePermissions.fromString("rw-r--r--"));
        assertThatThrownBy(provider::open).isInstanceOf(CryptoConfigurationProblem.class)
                .hasMessageContaining("readable by others").hasMessageContaining("chmod 600");
    }

    @Test
    void refusesAGarbledKeyFile() throws Exception {
        Path keys = TestFolders.fresh("root-key-garbled").resolve("keys");
        FileRootKeyProvider provider = new FileRootKeyProvider(keys);
        provider.open();
        Files.writeString(provider.keyFile(), "{\"not\": \"a keyset\"}");
        assertThatThrownBy(provider::open).isInstanceOf(CryptoConfigurationProblem.class)
                .hasMessageContaining("not a valid key file");
    }
}
