package org.strongroom.clients;

/**
 * One line of an import's report: the row (as a spreadsheet counts it; for vCard the card), the
 * field key (or {@code row}), and a message key. Never the value.
 */
public record ImportProblem(int row, String field, String messageKey) {
}
