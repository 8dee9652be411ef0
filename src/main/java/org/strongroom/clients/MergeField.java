package org.strongroom.clients;

/**
 * One field of a side-by-side comparison, as the asker may see both records.
 *
 * @param choosable whether the asker may choose which value a merge keeps: the values differ and
 *                  the asker sees both in full (otherwise the survivor keeps its own)
 */
public record MergeField(FieldDefinition field, ProfileValue first, ProfileValue second, MergeAgreement agreement,
                         boolean choosable) {
}
