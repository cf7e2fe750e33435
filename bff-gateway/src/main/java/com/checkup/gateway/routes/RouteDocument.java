package com.checkup.gateway.routes;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The gateway's route data as kept in the config center (group {@code checkup-gateway}, key {@code routes}) and
 * bundled as {@code gateway/routes.json}: the routes, and which of our optional plugins are switched on.
 */
public final class RouteDocument {
    private List<Route> routes = new ArrayList<>();
    /** Plugin name → enabled; {@code checkupLane} and {@code checkupLimits} may be switched off, auth may not. */
    private Map<String, Boolean> plugins = new LinkedHashMap<>();

    public List<Route> getRoutes() {
        return routes;
    }

    public void setRoutes(List<Route> routes) {
        this.routes = routes == null ? new ArrayList<>() : routes;
    }

    public Map<String, Boolean> getPlugins() {
        return plugins;
    }

    public void setPlugins(Map<String, Boolean> plugins) {
        this.plugins = plugins == null ? new LinkedHashMap<>() : plugins;
    }
}
