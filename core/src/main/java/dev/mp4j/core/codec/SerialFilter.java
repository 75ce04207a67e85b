package dev.mp4j.core.codec;

import dev.mp4j.MpException;

import java.io.ObjectInputFilter;

/**
 * The filter every object mp4j deserializes passes through. Its default allows any class this process can load
 * (the code at both ends of every mp4j channel is the user's own, and every channel is authenticated first) but
 * bounds what a stream can make this process do: at most {@value #DEFAULT} nesting, array length and references,
 * so that a few bytes cannot ask for gigabytes or recurse until the stack overflows. System property
 * {@code mp4j.serialFilter} replaces it, in the pattern syntax of {@link ObjectInputFilter.Config#createFilter}
 * (for example {@code maxarray=1000000000;com.example.**;java.base/*;dev.mp4j.**;!*} to also allow only some
 * classes). A JVM-wide filter ({@code jdk.serialFilter}) applies as well: an object must pass both.
 */
final class SerialFilter {
    static final String PROPERTY = "mp4j.serialFilter";
    static final String DEFAULT = "maxdepth=200;maxarray=134217728;maxrefs=16777216";

    private SerialFilter() {}

    private static final class Holder {
        static final String PATTERN = System.getProperty(PROPERTY, DEFAULT);
        static final ObjectInputFilter FILTER = build();

        private static ObjectInputFilter build() {
            ObjectInputFilter mine;
            try {
                mine = ObjectInputFilter.Config.createFilter(PATTERN);
            } catch (IllegalArgumentException e) {
                return null;
            }
            ObjectInputFilter jvmWide = ObjectInputFilter.Config.getSerialFilter();
            return jvmWide == null ? mine : ObjectInputFilter.merge(jvmWide, mine);
        }
    }

    /** @throws MpException if {@code mp4j.serialFilter} is not a valid pattern, saying so */
    static ObjectInputFilter get() {
        ObjectInputFilter f = Holder.FILTER;
        if (f == null) {
            throw new MpException("-D" + PROPERTY + "=" + Holder.PATTERN + " is not a valid filter pattern (see "
                    + "java.io.ObjectInputFilter.Config.createFilter); the default is " + DEFAULT);
        }
        return f;
    }

    /** @return what to tell a user whose object the filter refused */
    static String refusal(String detail) {
        return "an object was refused by mp4j's deserialization filter (" + detail + "; " + PROPERTY + " = "
                + Holder.PATTERN + "): if the object is yours and that large or deep, raise the limit, e.g. -D"
                + PROPERTY + "=" + DEFAULT.replace("maxarray=134217728", "maxarray=1000000000");
    }
}
