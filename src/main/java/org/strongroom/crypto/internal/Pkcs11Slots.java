package org.strongroom.crypto.internal;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.strongroom.crypto.CryptoConfigurationProblem;

/**
 * Finds the slot that holds a token with a given label. Java has no public API for PKCS#11 token
 * information, so this uses the JDK's own wrapper ({@code sun.security.pkcs11.wrapper}), which the
 * JVM must export to Strongroom: {@code --add-exports=jdk.crypto.cryptoki/sun.security.pkcs11.wrapper=ALL-UNNAMED}
 * (the jar's manifest carries {@code Add-Exports} for {@code java -jar}). The wrapper shares the
 * library's single initialisation with the SunPKCS11 provider.
 */
final class Pkcs11Slots {

    private static final String WRAPPER = "sun.security.pkcs11.wrapper.";

    private Pkcs11Slots() {
    }

    /** The slot id of the token labelled {@code tokenLabel}. */
    static long slotOf(Path library, String tokenLabel) {
        List<Slot> slots = slots(library, true);
        for (Slot slot : slots) {
            if (slot.tokenLabel().equals(tokenLabel)) {
                return slot.id();
            }
        }
        throw new CryptoConfigurationProblem("no HSM token labelled '" + tokenLabel + "' in " + library
                + "; tokens found: " + slots.stream().map(Slot::tokenLabel).filter(l -> !l.isEmpty()).toList()
                + ". Check strongroom.keys.pkcs11.token-label.");
    }

    /**
     * The token labels in the order SunPKCS11 counts {@code slotListIndex}: every slot the
     * library reports, an empty label where a slot has no token.
     */
    static List<String> labelsBySlotListIndex(Path library) {
        return slots(library, false).stream().map(Slot::tokenLabel).toList();
    }

    private record Slot(long id, String tokenLabel) {
    }

    private static List<Slot> slots(Path library, boolean withTokenOnly) {
        try {
            Class<?> pkcs11 = Class.forName(WRAPPER + "PKCS11");
            Method getInstance = pkcs11.getMethod("getInstance", String.class, String.class,
                    Class.forName(WRAPPER + "CK_C_INITIALIZE_ARGS"), boolean.class);
            Object module = getInstance.invoke(null, library.toString(), "C_GetFunctionList", null, false);
            long[] ids = (long[]) pkcs11.getMethod("C_GetSlotList", boolean.class).invoke(module, withTokenOnly);
            Method tokenInfo = pkcs11.getMethod("C_GetTokenInfo", long.class);
            List<Slot> slots = new ArrayList<>();
            for (long id : ids) {
                String label;
                try {
                    Object info = tokenInfo.invoke(module, id);
                    label = new String((char[]) info.getClass().getField("label").get(info)).strip();
                } catch (InvocationTargetException noToken) {
                    label = "";
                }
                slots.add(new Slot(id, label));
            }
            return slots;
        } catch (IllegalAccessException e) {
            throw new CryptoConfigurationProblem("finding an HSM token by label needs the JVM option "
                    + "--add-exports=jdk.crypto.cryptoki/sun.security.pkcs11.wrapper=ALL-UNNAMED (add it to "
                    + "STRONGROOM_JAVA_OPTS), or set strongroom.keys.pkcs11.slot-list-index instead.", e);
        } catch (InvocationTargetException e) {
            throw new CryptoConfigurationProblem("the PKCS#11 library " + library + " could not list its tokens ("
                    + Pkcs11RootKeyProvider.reason(e.getCause()) + ").", e.getCause());
        } catch (ReflectiveOperationException | ClassCastException e) {
            throw new CryptoConfigurationProblem("this Java runtime's PKCS#11 support cannot list tokens; set "
                    + "strongroom.keys.pkcs11.slot-list-index instead of token-label.", e);
        }
    }
}
