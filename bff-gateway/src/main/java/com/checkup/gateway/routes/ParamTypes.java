package com.checkup.gateway.routes;

/** Java types of route parameters by the names Dubbo's generic calls use ({@code byte[]} for a raw body, else class names). */
public final class ParamTypes {
    private ParamTypes() {
    }

    public static Class<?> load(String name) throws ClassNotFoundException {
        if ("byte[]".equals(name)) {
            return byte[].class;
        }
        return Class.forName(name, false, ParamTypes.class.getClassLoader());
    }
}
