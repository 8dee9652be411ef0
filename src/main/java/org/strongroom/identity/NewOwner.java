package org.strongroom.identity;

/** What a person types to create the owner account. {@code toString()} never shows the password. */
public record NewOwner(String name, String email, String password) {

    public NewOwner {
        name = name == null ? "" : name;
        email = email == null ? "" : email;
        password = password == null ? "" : password;
    }

    @Override
    public String toString() {
        return "NewOwner[redacted]";
    }
}
