package dev.mp4j.core.manager;

import java.lang.reflect.Proxy;

/** Makes the proxy for a managed object of a kind. */
final class Proxies {
    private Proxies() {}

    static Object make(ManagerClient client, long id, String kindName) {
        if (kindName.startsWith(Kind.OBJECT.name() + ":")) {
            String ifaceName = kindName.substring(Kind.OBJECT.name().length() + 1);
            Class<?> iface;
            ClassLoader loader = Thread.currentThread().getContextClassLoader();
            try {
                iface = Class.forName(ifaceName, false, loader);
            } catch (ClassNotFoundException e) {
                throw new dev.mp4j.MpException("cannot make a proxy for " + ifaceName
                        + ": the interface is not on this process's class path", e);
            }
            return dynamic(client, id, kindName, iface);
        }
        switch (Kind.valueOf(kindName)) {
            case DICT: return new MapProxy<>(client, id, kindName);
            case LIST: return new ListProxy<>(client, id, kindName);
            case QUEUE:
            case JOINABLE_QUEUE: return new QueueProxy<>(client, id, kindName);
            case LOCK:
            case RLOCK: return new LockProxy(client, id, kindName);
            case CONDITION: return new ConditionProxy(client, id, kindName);
            case SEMAPHORE: return new SemaphoreProxy(client, id, kindName);
            case EVENT: return new EventProxy(client, id, kindName);
            case NAMESPACE: return dynamic(client, id, kindName, dev.mp4j.Namespace.class);
            case BARRIER: return dynamic(client, id, kindName, dev.mp4j.Barrier.class);
            default: throw new dev.mp4j.MpException("a managed object of unknown kind " + kindName);
        }
    }

    private static Object dynamic(ManagerClient client, long id, String kindName, Class<?> iface) {
        ClassLoader loader = iface.getClassLoader() == null ? Proxies.class.getClassLoader() : iface.getClassLoader();
        return Proxy.newProxyInstance(loader, new Class<?>[] {iface, Replaceable.class},
                new ObjectHandler(client, id, kindName));
    }
}
