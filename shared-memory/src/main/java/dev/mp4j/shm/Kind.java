package dev.mp4j.shm;

import dev.mp4j.runtime.Token;

import java.io.Serializable;
import java.util.Locale;

/**
 * What a block holds; written in its {@link Header} and checked on attach, and named in the {@link Token} an
 * object of the kind travels as ({@code mp4j.shm.<kind>}, see {@link ShmTokenResolver}).
 */
enum Kind {
    LOCK,
    RLOCK,
    SEMAPHORE,
    EVENT,
    CONDITION,
    BARRIER,
    INT,
    LONG,
    DOUBLE,
    INT_ARRAY,
    LONG_ARRAY,
    DOUBLE_ARRAY;

    /** The token kind: {@code mp4j.shm.lock}, {@code mp4j.shm.int-array}, … */
    final String tokenKind = ShmTokenResolver.PREFIX + name().toLowerCase(Locale.ROOT).replace('_', '-');

    int code() {
        return ordinal() + 1;
    }

    String displayName() {
        return name().toLowerCase(Locale.ROOT).replace('_', ' ');
    }

    /** The token of the object of this kind in block {@code name}. */
    Token token(String name) {
        return token(name, null);
    }

    /** The token of the object of this kind in block {@code name}, with what else it needs to re-attach. */
    Token token(String name, Serializable detail) {
        return new Token(tokenKind, "", name, 0, detail);
    }
}
