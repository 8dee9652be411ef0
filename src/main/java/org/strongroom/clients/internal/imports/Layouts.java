package org.strongroom.clients.internal.imports;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.strongroom.clients.FieldType;

/**
 * What the import knows about the files of common tools: how to recognise a Google Contacts or
 * Outlook CSV export by its header, which column goes to which catalogue field, and how their
 * values are written (Google joins several values with {@code " ::: "}; Outlook writes birthdays
 * as {@code M/d/yyyy} and an empty one as {@code 0/0/00}). Also the header words of hand-made
 * files (English and Ukrainian) that pre-fill the mapping.
 */
public final class Layouts {

    /** The layouts of a file. */
    public enum Layout {
        CSV, VCARD, GOOGLE, OUTLOOK
    }

    private static final Map<String, String> GOOGLE = headers(
            "First Name", "given_name", "Given Name", "given_name",
            "Last Name", "family_name", "Family Name", "family_name",
            "Nickname", "preferred_name",
            "Birthday", "date_of_birth",
            "E-mail 1 - Value", "email",
            "Phone 1 - Value", "phone",
            "Address 1 - Formatted", "address",
            "Labels", "tags", "Group Membership", "tags");

    private static final Map<String, String> OUTLOOK = headers(
            "First Name", "given_name",
            "Last Name", "family_name",
            "Nickname", "preferred_name",
            "Birthday", "date_of_birth",
            "E-mail Address", "email",
            "Mobile Phone", "phone",
            "Home Phone", "phone",
            "Categories", "tags");

    private static final Map<String, String> VCARD = headers(
            VCardReader.HEADERS.get(VCardReader.GIVEN), "given_name",
            VCardReader.HEADERS.get(VCardReader.FAMILY), "family_name",
            VCardReader.HEADERS.get(VCardReader.NICKNAME), "preferred_name",
            VCardReader.HEADERS.get(VCardReader.EMAIL), "email",
            VCardReader.HEADERS.get(VCardReader.PHONE), "phone",
            VCardReader.HEADERS.get(VCardReader.BIRTHDAY), "date_of_birth",
            VCardReader.HEADERS.get(VCardReader.ADDRESS), "address",
            VCardReader.HEADERS.get(VCardReader.CATEGORIES), "tags");

    /** Header words of hand-made files, lower case without spaces, dashes or underscores. */
    private static final Map<String, String> WORDS = headers(
            "firstname", "given_name", "givenname", "given_name", "name", "given_name", "forename", "given_name", "ім'я", "given_name",
            "імя", "given_name",
            "lastname", "family_name", "familyname", "family_name", "surname", "family_name", "прізвище", "family_name",
            "preferredname", "preferred_name", "nickname", "preferred_name",
            "email", "email", "emailaddress", "email", "mail", "email", "електроннапошта", "email", "пошта", "email",
            "phone", "phone", "phonenumber", "phone", "mobile", "phone", "mobilephone", "phone", "telephone", "phone", "tel", "phone",
            "телефон", "phone",
            "dateofbirth", "date_of_birth", "birthdate", "date_of_birth", "birthday", "date_of_birth", "dob", "date_of_birth",
            "датанародження", "date_of_birth",
            "address", "address", "адреса", "address",
            "tags", "tags", "labels", "tags", "categories", "tags", "теги", "tags",
            "referralsource", "referral_source", "source", "referral_source");

    private static final DateTimeFormatter US_DATE = DateTimeFormatter.ofPattern("M/d/uuuu").withResolverStyle(ResolverStyle.STRICT);
    private static final DateTimeFormatter DOTTED_DATE = DateTimeFormatter.ofPattern("d.M.uuuu").withResolverStyle(ResolverStyle.STRICT);

    private Layouts() {
    }

    /** The layout a CSV header says (Google, Outlook) or plain CSV. */
    public static Layout recognise(List<String> headers) {
        Set<String> set = Set.copyOf(headers);
        if (set.contains("E-mail 1 - Value") || set.contains("Phone 1 - Value")
                || (set.contains("Given Name") && set.contains("Group Membership"))) {
            return Layout.GOOGLE;
        }
        if (set.contains("E-mail Address") && (set.contains("Mobile Phone") || set.contains("Home Phone") || set.contains("Business Phone"))) {
            return Layout.OUTLOOK;
        }
        return Layout.CSV;
    }

    /**
     * The suggested mapping: column index → field key, for the fields in {@code enabledFields}.
     * Each field is suggested once (the first column that names it), except phone in an Outlook
     * file (mobile, then home).
     */
    public static Map<Integer, String> suggest(Layout layout, List<String> headers, Set<String> enabledFields) {
        Map<String, String> known = switch (layout) {
            case GOOGLE -> GOOGLE;
            case OUTLOOK -> OUTLOOK;
            case VCARD -> VCARD;
            case CSV -> Map.of();
        };
        Map<Integer, String> out = new LinkedHashMap<>();
        List<String> taken = new ArrayList<>();
        for (int i = 0; i < headers.size(); i++) {
            String header = headers.get(i);
            String field = known.get(header);
            if (field == null && layout == Layout.CSV) {
                String word = header.toLowerCase(Locale.ROOT).replaceAll("[\\s_\\-]", "");
                field = enabledFields.contains(header.strip().toLowerCase(Locale.ROOT)) ? header.strip().toLowerCase(Locale.ROOT)
                        : WORDS.get(word);
            }
            if (field == null || !enabledFields.contains(field)) {
                continue;
            }
            if (taken.contains(field) && !(layout == Layout.OUTLOOK && field.equals("phone"))) {
                continue;
            }
            taken.add(field);
            out.put(i, field);
        }
        return out;
    }

    /**
     * A cell as the field expects it, undoing the layout's conventions: the first of several
     * Google values, Google labels as tags (without the system label "* myContacts"), dates in
     * the forms the tools write. Anything not understood is returned as it is, for validation to
     * name.
     */
    public static String clean(Layout layout, FieldType type, String value) {
        String v = value;
        if (layout == Layout.GOOGLE && v.contains(" ::: ")) {
            if (type == FieldType.TAGS) {
                List<String> labels = new ArrayList<>();
                for (String label : v.split(" ::: ")) {
                    if (!label.strip().startsWith("* ")) {
                        labels.add(label.strip());
                    }
                }
                return String.join(",", labels);
            }
            v = v.substring(0, v.indexOf(" ::: "));
        }
        if (layout == Layout.GOOGLE && type == FieldType.TAGS && v.strip().startsWith("* ")) {
            return "";
        }
        if (type == FieldType.TAGS && layout == Layout.OUTLOOK) {
            return v.replace(';', ',');
        }
        if (type == FieldType.DATE) {
            return date(layout, v.strip());
        }
        return v;
    }

    private static String date(Layout layout, String v) {
        if (v.isEmpty() || (layout == Layout.OUTLOOK && v.equals("0/0/00"))) {
            return "";
        }
        if (v.matches("\\d{8}")) {
            return v.substring(0, 4) + "-" + v.substring(4, 6) + "-" + v.substring(6, 8);
        }
        try {
            if (layout == Layout.OUTLOOK && v.matches("\\d{1,2}/\\d{1,2}/\\d{4}")) {
                return LocalDate.parse(v, US_DATE).toString();
            }
            if (v.matches("\\d{1,2}\\.\\d{1,2}\\.\\d{4}")) {
                return LocalDate.parse(v, DOTTED_DATE).toString();
            }
        } catch (DateTimeParseException e) {
            return v;
        }
        return v;
    }

    private static Map<String, String> headers(String... pairs) {
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            map.put(pairs[i], pairs[i + 1]);
        }
        return Map.copyOf(map);
    }
}
