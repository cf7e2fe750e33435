package com.checkup.gateway.dubbo;

import com.checkup.gateway.web.JsonDepth;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.commons.lang3.tuple.ImmutablePair;
import org.apache.commons.lang3.tuple.Pair;
import org.apache.shenyu.plugin.dubbo.common.param.DubboParamResolveService;

import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Turns what our parameter plugin put in ShenYu's param attribute (a JSON array, one element per Dubbo parameter,
 * already checked against the parameter types) into the generic call's arguments.
 */
public final class JsonArgumentResolver implements DubboParamResolveService {
    private final ObjectMapper json;

    public JsonArgumentResolver(ObjectMapper json) {
        this.json = json;
    }

    @Override
    public Pair<String[], Object[]> buildParameter(String body, String parameterTypes) {
        String[] types = parameterTypes.split(",");
        // Our own array around the request's values (bound and depth-checked by ParameterBinder): one level more.
        JsonDepth.check(body, JsonDepth.MAX_DEPTH + 1);
        try {
            JsonNode args = json.readTree(body);
            Object[] values = new Object[types.length];
            for (int i = 0; i < types.length; i++) {
                JsonNode n = args.get(i);
                values[i] = n == null || n.isNull() ? null : json.treeToValue(n, com.checkup.gateway.routes.ParamTypes.load(types[i]));
            }
            return new ImmutablePair<>(types, values);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException("parameter type not on the classpath: " + e.getMessage(), e);
        }
    }
}
