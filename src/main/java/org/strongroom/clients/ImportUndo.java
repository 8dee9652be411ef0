package org.strongroom.clients;

/** The answer to undoing an import. */
public sealed interface ImportUndo {

    /** Removed the clients the import created that nobody changed since; kept (and counted) the others. */
    record Done(int removed, int kept) implements ImportUndo {
    }

    /** Not undone: a message key ({@code clientimport.undo.*}). */
    record Refused(String messageKey) implements ImportUndo {
    }
}
