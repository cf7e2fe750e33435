package com.checkup.gateway.auth;

import com.checkup.gateway.config.GatewayProperties;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** The gateway's users (demo users locally; an identity provider would take this place in production). */
public final class UserDirectory {
    /** Compared against when the user is unknown, so a wrong name costs as long as a wrong password. */
    private static final String DUMMY = PasswordHash.hash("not-a-password");
    private final Map<String, GatewayProperties.User> users = new HashMap<>();

    public UserDirectory(Iterable<GatewayProperties.User> configured) {
        for (GatewayProperties.User u : configured) {
            users.put(u.getUsername(), u);
        }
    }

    /** The caller for a correct username and password. */
    public Optional<Caller> authenticate(String username, String password) {
        GatewayProperties.User u = username == null ? null : users.get(username);
        boolean ok = PasswordHash.matches(password == null ? "" : password, u == null ? DUMMY : u.getPasswordHash());
        if (u == null || !ok) {
            return Optional.empty();
        }
        return Optional.of(new Caller(u.getUsername(), u.getPersona(), u.getTenant()));
    }

    public int size() {
        return users.size();
    }
}
