package org.strongroom.documents;

import java.util.List;

/** The kinds of document a business keeps about a client (codes; labels are in the message bundle {@code documents.type.<code>}). */
public final class DocumentTypes {

    public static final List<String> CODES = List.of("identity", "consent", "agreement", "letter", "email", "report",
            "assessment", "referral", "medical", "invoice", "receipt", "photo", "form", "other");

    private DocumentTypes() {
    }

    public static boolean known(String code) {
        return CODES.contains(code);
    }
}
