package com.checkup.platform.embedded;

import com.checkup.contracts.error.BusinessException;
import com.checkup.contracts.error.ErrorCode;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;

/**
 * Test support: a Dubbo provider standing in for another service with only the methods a test needs. {@code handler}
 * is any object with methods of the interface's names and parameter types; every other method of the interface
 * answers BAD_REQUEST "not part of the stand-in", so a test that starts relying on one notices at once.
 */
public final class StandIn {
    private StandIn() {
    }

    @SuppressWarnings("unchecked")
    public static <T> T of(Class<T> iface, Object handler) {
        return (T) Proxy.newProxyInstance(iface.getClassLoader(), new Class<?>[] {iface}, (proxy, method, args) -> {
            if (method.getDeclaringClass() == Object.class) {
                return method.invoke(handler, args);
            }
            Method target;
            try {
                target = handler.getClass().getDeclaredMethod(method.getName(), method.getParameterTypes());
            } catch (NoSuchMethodException e) {
                throw new BusinessException(ErrorCode.BAD_REQUEST,
                        iface.getSimpleName() + "." + method.getName() + " is not part of the stand-in");
            }
            target.setAccessible(true);
            try {
                return target.invoke(handler, args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        });
    }
}
