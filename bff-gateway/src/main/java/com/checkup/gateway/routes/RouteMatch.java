package com.checkup.gateway.routes;

import java.util.Map;

/** The route a request matched, with its path variables. */
public final class RouteMatch {
    private final Route route;
    private final Map<String, String> variables;

    RouteMatch(Route route, Map<String, String> variables) {
        this.route = route;
        this.variables = variables;
    }

    public Route route() {
        return route;
    }

    public Map<String, String> variables() {
        return variables;
    }
}
