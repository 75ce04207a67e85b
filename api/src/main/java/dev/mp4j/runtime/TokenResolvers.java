package dev.mp4j.runtime;

import java.io.InvalidObjectException;
import java.io.ObjectStreamException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;

/** The resolvers on the class path, by kind; loaded once, on the first token read. */
final class TokenResolvers {
    private static volatile Found found;

    private record Found(Map<String, TokenResolver> byKind, List<String> problems) {}

    private TokenResolvers() {}

    static Object resolve(Token token) throws ObjectStreamException {
        Found f = found();
        TokenResolver r = f.byKind().get(token.kind());
        if (r == null) {
            throw new InvalidObjectException("cannot resolve an mp4j object of kind '" + token.kind()
                    + "': no module on this process's class path resolves that kind (kinds known: "
                    + f.byKind().keySet() + (f.problems().isEmpty() ? "" : "; not usable: " + String.join("; ", f.problems()))
                    + "); every process of a tree needs the same mp4j artifacts");
        }
        return r.resolve(token);
    }

    private static Found found() {
        Found f = found;
        if (f == null) {
            synchronized (TokenResolvers.class) {
                f = found;
                if (f == null) {
                    found = f = scan();
                }
            }
        }
        return f;
    }

    private static Found scan() {
        Map<String, TokenResolver> byKind = new HashMap<>();
        List<String> problems = new ArrayList<>();
        Iterator<TokenResolver> it = ServiceLoader.load(TokenResolver.class, TokenResolvers.class.getClassLoader()).iterator();
        while (true) {
            TokenResolver r;
            try {
                if (!it.hasNext()) {
                    break;
                }
                r = it.next();
                for (String kind : r.kinds()) {
                    TokenResolver before = byKind.putIfAbsent(kind, r);
                    if (before != null && before.getClass() != r.getClass()) {
                        problems.add(r.getClass().getName() + " and " + before.getClass().getName()
                                + " both resolve kind '" + kind + "'; the first found is used");
                    }
                }
            } catch (ServiceConfigurationError | RuntimeException | LinkageError e) {
                problems.add("a token resolver failed to load: " + Transports.withCauses(e));
            }
        }
        return new Found(Collections.unmodifiableMap(byKind), List.copyOf(problems));
    }
}
