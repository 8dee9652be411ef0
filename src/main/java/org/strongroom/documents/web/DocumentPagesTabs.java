package org.strongroom.documents.web;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.strongroom.access.Permission;

/**
 * The client workspace's tabs as the documents pages show them. The workspace keeps its list in
 * {@code clients.web.ClientWorkspaceController#tabs}, private to the clients module (which may not
 * depend on this one); this is the same list, in the same order, with the same labels. A tab added
 * there needs adding here too.
 */
final class DocumentPagesTabs {

    /** A tab: a link to its own address, so each tab can be bookmarked and works without script. */
    record Tab(String key, String labelKey, String href) {
    }

    private DocumentPagesTabs() {
    }

    static List<Tab> of(UUID id, Set<Permission> permitted, boolean mayReadAudit) {
        List<Tab> tabs = new ArrayList<>();
        tabs.add(new Tab("profile", "clientpages.tab.profile", "/clients/" + id));
        tabs.add(new Tab("history", "clientpages.tab.history", "/clients/" + id + "/history"));
        if (mayReadAudit) {
            tabs.add(new Tab("access", "clientpages.tab.access", "/clients/" + id + "/access-history"));
        }
        if (permitted.contains(Permission.DOCUMENT_READ)) {
            tabs.add(new Tab("documents", "documentpages.tab", "/clients/" + id + "/documents"));
        }
        return tabs;
    }
}
