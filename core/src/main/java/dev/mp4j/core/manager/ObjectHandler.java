package dev.mp4j.core.manager;

import java.io.Serial;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Method;

/**
 * The calls of a dynamic proxy for a managed object used through an interface: a namespace, a barrier, or a
 * user's object from {@code Manager.create} or {@code Manager.get}. Each interface method, default methods
 * included, runs in the manager; {@code toString} is the referent's, {@code equals} and {@code hashCode} the
 * proxy's identity (the same managed object).
 */
final class ObjectHandler extends BaseProxy implements InvocationHandler {
    @Serial
    private static final long serialVersionUID = 1L;

    ObjectHandler(ManagerClient client, long id, String kind) {
        super(client, id, kind);
    }

    @Override
    public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
        switch (method.getName()) {
            case "writeReplace":
                if (method.getParameterCount() == 0) {
                    return writeReplace();
                }
                break;
            case "equals":
                if (method.getParameterCount() == 1 && method.getParameterTypes()[0] == Object.class) {
                    Object o = args[0];
                    return o != null && java.lang.reflect.Proxy.isProxyClass(o.getClass())
                            && sameObject(java.lang.reflect.Proxy.getInvocationHandler(o));
                }
                break;
            case "hashCode":
                if (method.getParameterCount() == 0) {
                    return objectHash();
                }
                break;
            default:
                break;
        }
        return client.call(id, Protocol.sig(method), args == null ? new Object[0] : args);
    }
}
