package org.strongroom.clients;

/** A {@code strongroom.clients.*} setting that cannot work; the server refuses to start with this one line. */
public class ClientsConfigurationProblem extends RuntimeException {
    public ClientsConfigurationProblem(String message) {
        super(message);
    }
}
