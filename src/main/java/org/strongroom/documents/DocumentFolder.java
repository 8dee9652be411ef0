package org.strongroom.documents;

import org.strongroom.access.Sensitivity;

/**
 * One of the organisation's document folders, the same set in every client's documents
 * (Identity, Consents &amp; agreements, …). Folder names are the business's own words, not
 * personal data, and are stored in clear.
 *
 * @param key                stable key, {@code [a-z][a-z0-9_]{1,39}}
 * @param label              the name shown (1–80 characters)
 * @param position           order in lists
 * @param defaultSensitivity what a document put in this folder gets unless the uploader says otherwise
 * @param active             retired folders keep their documents but take no new ones
 * @param version            optimistic version for edits
 */
public record DocumentFolder(String key, String label, int position, Sensitivity defaultSensitivity, boolean active, long version) {
}
