package dev.mp4j.shm;

import dev.mp4j.MpException;

import java.io.IOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Set;

/**
 * A named file in the shared-memory folder ({@code /dev/shm}, else {@code java.io.tmpdir}, or
 * {@code -Dmp4j.shm.dir}), mapped into this process, with atomic access to it that holds across every process
 * mapping the same file: the CPU's atomics act on the physical page they all share. The accessors are named as
 * Agrona's {@code AtomicBuffer} names them, and behave as the {@link VarHandle} access mode of the same name on
 * an array element:
 *
 * <ul>
 *   <li>{@code getInt}/{@code putInt} (plain): no ordering with other accesses; the compiler may hoist a plain
 *       read out of a loop. Use them for fields nobody else reads concurrently (initialising a structure before
 *       publishing it, fields guarded by a lock).</li>
 *   <li>{@code getIntAcquire}/{@code putIntRelease}: a release store makes every earlier write visible to a
 *       process that reads the stored value with an acquire load; the cheap pair for handing data over (on
 *       x86 both are plain moves the compiler may not reorder).</li>
 *   <li>{@code getIntVolatile}/{@code putIntVolatile}: sequentially consistent; a volatile store costs a full
 *       fence (a {@code lock}-prefixed instruction or {@code mfence}, tens of cycles).</li>
 *   <li>{@code compareAndSetInt}, {@code getAndAddInt}, {@code getAndSetInt}: atomic read-modify-write with
 *       volatile semantics (one {@code lock cmpxchg}/{@code xadd}/{@code xchg}: ~20 cycles uncontended, a cache
 *       line transfer between cores when contended).</li>
 * </ul>
 * and the same for {@code long}. Multi-byte values are in the platform's native byte order.
 *
 * <p><b>Alignment.</b> An {@code int} index must be a multiple of 4 and a {@code long} index a multiple of 8: the
 * mapping starts on a page boundary, so an aligned index is an aligned address, which is what makes each access
 * single-copy atomic. Every accessor refuses a misaligned index with {@link IllegalArgumentException}: the atomic
 * ones at no cost on their fast path (the {@code VarHandle} checks the address anyway), the plain ones with one
 * predictable branch. An index outside {@code [0, capacity())} throws {@link IndexOutOfBoundsException}.
 *
 * <p><b>Life cycle.</b> {@link #create} makes the file with owner-only permissions ({@code rw-------}) and
 * registers it with this process tree's clean-up: it is unlinked when the tree's root process ends, or by the
 * next mp4j process to start if the root was killed; {@link #unlink()} removes it earlier. {@link #attach} maps
 * an existing file and never unlinks it. A mapping stays valid while this JVM lives, even once the file is
 * unlinked: the JDK cannot unmap on demand. The bytes of a new file are zero.
 *
 * <p>Instances are thread-safe: they hold no state besides the mapping.
 */
public final class MappedSegment {
    private static final VarHandle INT = MethodHandles.byteBufferViewVarHandle(int[].class, ByteOrder.nativeOrder());
    private static final VarHandle LONG = MethodHandles.byteBufferViewVarHandle(long[].class, ByteOrder.nativeOrder());
    private static final Set<OpenOption> CREATE_OPTIONS = Set.of(StandardOpenOption.CREATE_NEW,
            StandardOpenOption.READ, StandardOpenOption.WRITE);

    private static final FileAttribute<?> OWNER_ONLY =
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"));

    /** Between an owner's name and a part's suffix: {@code <owner>~<suffix>}. */
    static final String PART = "~";

    private final String name;
    private final MappedByteBuffer buf;

    private MappedSegment(String name, MappedByteBuffer buf) {
        this.name = name;
        this.buf = buf;
    }

    /**
     * Creates a zeroed segment of {@code size} bytes named {@code name} and maps it, registered with this process
     * tree's clean-up. The file is created exclusively, so two processes never both create one name.
     *
     * @param name a file name: 1 to 200 characters, no {@code '/'}, {@code '\'} or NUL
     * @param size 1 byte to 2 GiB - 1
     * @throws IllegalArgumentException if the name or the size is not usable
     * @throws IllegalStateException    if a file of that name exists already
     * @throws MpException              if the file cannot be created or mapped (the folder is full or not writable)
     */
    public static MappedSegment create(String name, long size) {
        boolean interrupted = Thread.interrupted();
        try {
            return createMapped(name, size);
        } finally {
            restoreInterrupt(interrupted);
        }
    }

    /**
     * A {@link FileChannel} is interruptible: an interrupt status set when it is used closes it and fails the call
     * with {@link java.nio.channels.ClosedByInterruptException}. Creating or attaching a segment is not a wait, so
     * callers clear the status around it ({@link Thread#interrupted()}) and set it again here.
     */
    static void restoreInterrupt(boolean interrupted) {
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Creates a zeroed segment that is part of another, {@code <owner>~<suffix>}, and maps it. A part is not
     * recorded in the tree's clean-up list itself: the clean-up removes it with its owner (every
     * {@code <owner>~*} file of an owner it removes), so a structure that makes and removes parts all the time
     * (a ring's items, its generations) costs the list nothing. Remove a part with {@link #unlinkPart}.
     *
     * @param owner  the name of a segment made by {@link #create(String, long)} in this process tree
     * @param suffix the rest of the name: no {@code '/'}, {@code ''} or NUL
     * @throws IllegalArgumentException if the name or the size is not usable
     * @throws IllegalStateException    if a file of that name exists already
     * @throws MpException              if the file cannot be created or mapped
     */
    public static MappedSegment createPart(String owner, String suffix, long size) {
        boolean interrupted = Thread.interrupted();
        try {
            return createMapped(partName(owner, suffix), size, false);
        } finally {
            restoreInterrupt(interrupted);
        }
    }

    /** @return the name of part {@code suffix} of {@code owner} */
    public static String partName(String owner, String suffix) {
        return owner + PART + suffix;
    }

    /**
     * Unlinks a part ({@link #createPart}) by name, without mapping it. Mappings stay usable.
     *
     * @throws IllegalStateException if no such file exists (already unlinked)
     * @throws MpException           if the file cannot be removed
     */
    public static void unlinkPart(String name) {
        delete(name);
    }

    /**
     * Maps the file {@code file}, anywhere, creating it ({@code rw-------}, zeroed) if it does not exist, and growing
     * it to {@code size} bytes if it is smaller: state that must outlive every process, such as a durable queue's.
     * Not registered with any clean-up: the file stays until its owner removes it. Two processes may map one file at
     * once, and both may create it: the creation is idempotent. Its {@link #name()} is the file's path.
     *
     * @param size 1 byte to 2 GiB - 1
     * @throws IllegalArgumentException if the size is not usable
     * @throws MpException              if the file cannot be created or mapped, or exists and is not this user's own
     *                                  and private (another user may have planted it)
     */
    public static MappedSegment mapFile(Path file, long size) {
        if (size <= 0 || size > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("a mapped file's size must be 1 to " + Integer.MAX_VALUE
                    + " bytes, got " + size);
        }
        boolean interrupted = Thread.interrupted();
        try (FileChannel ch = FileChannel.open(file, Set.of(StandardOpenOption.CREATE, StandardOpenOption.READ,
                StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS), ownerOnly(file))) {
            if (!OwnFiles.isOurs(file)) {
                throw new MpException(file + " is not this user's own private file (it must be owned by this user "
                        + "and writable by nobody else): another user may have planted it; remove it, or use a "
                        + "private folder");
            }
            if (ch.size() < size) {
                ch.write(ByteBuffer.allocate(1), size - 1);
            }
            return new MappedSegment(file.toString(), ch.map(FileChannel.MapMode.READ_WRITE, 0, size));
        } catch (IOException e) {
            throw new MpException("cannot map " + file + ": " + e.getMessage(), e);
        } finally {
            restoreInterrupt(interrupted);
        }
    }

    /**
     * Creates a folder that is part of a segment, {@code <owner>~<suffix>}, private to this user ({@code rwx------}),
     * for a library that writes files of its own (a journal, say) which must go with the segment. The tree's
     * clean-up removes it, with everything in it, together with its owner, as it removes a segment's file parts;
     * remove it earlier with {@link #deletePartFolder}.
     *
     * @param owner  the name of a segment made by {@link #create(String, long)} in this process tree
     * @param suffix the rest of the name: no {@code '/'}, {@code '\\'} or NUL
     * @return the folder's path
     * @throws IllegalArgumentException if the name is not usable
     * @throws IllegalStateException    if a file or folder of that name exists already
     * @throws MpException              if the folder cannot be created
     */
    public static Path createPartFolder(String owner, String suffix) {
        Path path = ShmDirectory.pathOf(partName(owner, suffix));
        try {
            return Files.createDirectory(path, Folders.ownerOnly(path));
        } catch (FileAlreadyExistsException e) {
            throw new IllegalStateException(path + " already exists", e);
        } catch (IOException e) {
            throw new MpException("cannot create the folder " + path + ": " + e.getMessage(), e);
        }
    }

    /**
     * Removes a folder made by {@link #createPartFolder}, with everything in it, never following a link; what cannot
     * be removed now the tree's clean-up removes later. Never throws.
     */
    public static void deletePartFolder(Path folder) {
        Folders.deleteTree(folder);
    }

    private static MappedSegment createMapped(String name, long size) {
        return createMapped(name, size, true);
    }

    private static MappedSegment createMapped(String name, long size, boolean register) {
        ShmDirectory.checkName(name);
        if (size <= 0 || size > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("shared memory size must be 1 to " + Integer.MAX_VALUE
                    + " bytes (a ByteBuffer addresses at most 2 GiB - 1), got " + size);
        }
        Path path = ShmDirectory.pathOf(name);
        checkSpace(ShmDirectory.dir(), size);
        Tree tree = register ? Tree.get() : null;
        FileChannel ch;
        try {
            ch = FileChannel.open(path, CREATE_OPTIONS, ownerOnly(path));
        } catch (FileAlreadyExistsException e) {
            throw new IllegalStateException("shared memory \"" + name + "\" already exists in " + ShmDirectory.dir()
                    + "; attach to it with attachSharedMemory(name), or choose another name", e);
        } catch (IOException e) {
            throw new MpException("cannot create shared memory " + path + ": " + e.getMessage(), e);
        }
        // recorded only once the name is ours: a refused create must neither claim nor release another's block
        if (tree != null) {
            tree.created(name);
        }
        try (ch) {
            ch.write(ByteBuffer.allocate(1), size - 1);
            return new MappedSegment(name, ch.map(FileChannel.MapMode.READ_WRITE, 0, size));
        } catch (IOException e) {
            try {
                Files.deleteIfExists(path);
            } catch (IOException ignored) {
                // the tree's clean-up removes it
            }
            throw new MpException("cannot create shared memory " + path + ": " + e.getMessage(), e);
        }
    }

    /**
     * A file in a memory file system is sparse: made larger than the free space, it is created, and the first write
     * past the free space faults (an {@code InternalError} in the writer, far from the cause). So a segment that
     * cannot fit is refused at creation, with the numbers and the remedies. Other processes may still fill the
     * folder between this check and the writes; the check catches the common case, a block too large for the
     * folder (Docker's default {@code /dev/shm} is 64 MiB).
     *
     * @throws MpException if {@code size} bytes are more than the folder has free
     */
    static void checkSpace(Path folder, long size) {
        long free;
        try {
            free = Files.getFileStore(folder).getUsableSpace();
        } catch (IOException | RuntimeException e) {
            return; // no answer: the create goes ahead, as before
        }
        if (size > free) {
            throw new MpException("cannot create " + size + " bytes of shared memory in " + folder + ": only " + free
                    + " bytes are free there. In a container, /dev/shm is 64 MiB unless it was started with "
                    + "--shm-size (docker run --shm-size=1g); or use a folder with room, -Dmp4j.shm.dir=/path, or "
                    + "smaller blocks and items");
        }
    }

    /**
     * Maps the existing segment named {@code name}, whatever its creator wrote there.
     *
     * @throws IllegalArgumentException if the name is not usable
     * @throws NoSuchElementException   if no segment has that name (never created, or unlinked)
     * @throws IllegalStateException    if the file is empty or larger than 2 GiB - 1
     * @throws MpException              if the file cannot be opened or mapped
     */
    public static MappedSegment attach(String name) {
        boolean interrupted = Thread.interrupted();
        try {
            return attachMapped(name);
        } finally {
            restoreInterrupt(interrupted);
        }
    }

    private static MappedSegment attachMapped(String name) {
        Path path = ShmDirectory.pathOf(name);
        try (FileChannel ch = FileChannel.open(path, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            long size = ch.size();
            if (size == 0 || size > Integer.MAX_VALUE) {
                throw new IllegalStateException("shared memory \"" + name + "\" has size " + size
                        + "; mp4j maps blocks of 1 byte to 2 GiB - 1");
            }
            return new MappedSegment(name, ch.map(FileChannel.MapMode.READ_WRITE, 0, size));
        } catch (NoSuchFileException e) {
            NoSuchElementException ex = new NoSuchElementException("no shared memory named \"" + name + "\" in "
                    + ShmDirectory.dir() + "; it was never created, or it was unlinked when its process tree ended");
            ex.initCause(e);
            throw ex;
        } catch (IOException e) {
            throw new MpException("cannot attach shared memory " + path + ": " + e.getMessage(), e);
        }
    }

    /** Creates a segment holding an mp4j structure of {@code kind}: its {@link Header} filled in but not published. */
    static MappedSegment create(String name, Kind kind, int size) {
        MappedSegment s = create(name, size);
        s.putInt(Header.VERSION_OFFSET, Header.VERSION);
        s.putInt(Header.KIND_OFFSET, kind.code());
        return s;
    }

    /** Makes the header visible last, once the creator has initialised the structure. */
    void publish() {
        putIntVolatile(Header.MAGIC_OFFSET, Header.MAGIC);
    }

    /** Attaches to a segment made by {@link #create(String, Kind, int)}, refusing another kind or layout version. */
    static MappedSegment attach(String name, Kind kind) {
        MappedSegment s = attach(name);
        if (s.capacity() < Header.SIZE || s.getIntVolatile(Header.MAGIC_OFFSET) != Header.MAGIC) {
            throw new IllegalStateException("shared block \"" + name + "\" is not an mp4j " + kind.displayName()
                    + " (no mp4j header)");
        }
        int version = s.getInt(Header.VERSION_OFFSET);
        if (version != Header.VERSION) {
            throw new IllegalStateException("shared block \"" + name + "\" has layout version " + version
                    + " but this mp4j reads version " + Header.VERSION + "; every process must run the same mp4j");
        }
        int code = s.getInt(Header.KIND_OFFSET);
        if (code != kind.code()) {
            throw new IllegalStateException("shared block \"" + name + "\" holds kind " + code + ", not a "
                    + kind.displayName());
        }
        return s;
    }

    /**
     * Unlinks the file named {@code name} and takes it off this tree's clean-up list, without mapping it. Mappings
     * stay usable.
     *
     * @throws IllegalArgumentException if the name is not usable
     * @throws IllegalStateException    if no such file exists (already unlinked)
     * @throws MpException              if the file cannot be removed
     */
    public static void unlink(String name) {
        delete(name);
        Tree.get().unlinked(name);
    }

    private static void delete(String name) {
        try {
            Files.delete(ShmDirectory.pathOf(name));
        } catch (NoSuchFileException e) {
            throw new IllegalStateException("shared memory \"" + name + "\" is already unlinked", e);
        } catch (IOException e) {
            throw new MpException("cannot unlink shared memory \"" + name + "\": " + e.getMessage(), e);
        }
    }

    /**
     * Unlinks this segment's file now rather than when the process tree ends. This mapping, and every other
     * process's, stays usable; no process can attach any more, and the memory is freed once the last mapping
     * goes.
     *
     * @throws IllegalStateException if the file is already unlinked
     * @throws MpException           if the file cannot be removed
     */
    public void unlink() {
        unlink(name);
    }

    /** The owner-only permission attribute, where the file system has POSIX permissions. */
    static FileAttribute<?>[] ownerOnly(Path path) {
        if (!path.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            return new FileAttribute<?>[0];  // Windows: the user's temporary folder is private already
        }
        return new FileAttribute<?>[] {OWNER_ONLY};
    }

    /**
     * @return the shared-memory folder, where every segment's file is: {@code /dev/shm} where it is writable, else
     *         {@code java.io.tmpdir}, or {@code -Dmp4j.shm.dir}; fixed for the life of the JVM
     */
    public static Path folder() {
        return ShmDirectory.dir();
    }

    /** @return the segment's name, its file name in the shared-memory folder */
    public String name() {
        return name;
    }

    /** @return the size in bytes; valid indexes are {@code 0} to {@code capacity() - 1} */
    public int capacity() {
        return buf.capacity();
    }

    /** A new view of the whole segment: position 0, big-endian, like any new buffer. */
    ByteBuffer view() {
        return buf.duplicate().clear().order(ByteOrder.BIG_ENDIAN);
    }

    // Plain accesses do not check alignment (they would work, and tear across a cache line), so they check here: one
    // AND and a branch that is never taken. Atomic accesses are checked by the VarHandle itself, which throws
    // IllegalStateException; translating that only on the exceptional path keeps their fast path one VarHandle call.

    private static int int4(int index) {
        if ((index & 3) != 0) {
            throw misaligned(index, Integer.BYTES, null);
        }
        return index;
    }

    private static int long8(int index) {
        if ((index & 7) != 0) {
            throw misaligned(index, Long.BYTES, null);
        }
        return index;
    }

    private static IllegalArgumentException misaligned(int index, int width, IllegalStateException cause) {
        IllegalArgumentException e = new IllegalArgumentException("index " + index + " is not a multiple of " + width
                + ": a misaligned access is not atomic");
        e.initCause(cause);
        return e;
    }

    /** Plain read of the {@code int} at {@code index}. */
    public int getInt(int index) {
        return (int) INT.get(buf, int4(index));
    }

    /** Plain write of the {@code int} at {@code index}. */
    public void putInt(int index, int value) {
        INT.set(buf, int4(index), value);
    }

    /** Volatile read: sequentially consistent with every other volatile access and read-modify-write. */
    public int getIntVolatile(int index) {
        try {
            return (int) INT.getVolatile(buf, index);
        } catch (IllegalStateException e) {
            throw misaligned(index, Integer.BYTES, e);
        }
    }

    /** Volatile write: sequentially consistent; costs a full fence. */
    public void putIntVolatile(int index, int value) {
        try {
            INT.setVolatile(buf, index, value);
        } catch (IllegalStateException e) {
            throw misaligned(index, Integer.BYTES, e);
        }
    }

    /** Acquire read: no later access of this thread moves before it. Pairs with {@link #putIntRelease}. */
    public int getIntAcquire(int index) {
        try {
            return (int) INT.getAcquire(buf, index);
        } catch (IllegalStateException e) {
            throw misaligned(index, Integer.BYTES, e);
        }
    }

    /** Release write: no earlier access of this thread moves after it. Pairs with {@link #getIntAcquire}. */
    public void putIntRelease(int index, int value) {
        try {
            INT.setRelease(buf, index, value);
        } catch (IllegalStateException e) {
            throw misaligned(index, Integer.BYTES, e);
        }
    }

    /** Atomically sets the {@code int} to {@code update} if it equals {@code expected}; volatile semantics. */
    public boolean compareAndSetInt(int index, int expected, int update) {
        try {
            return INT.compareAndSet(buf, index, expected, update);
        } catch (IllegalStateException e) {
            throw misaligned(index, Integer.BYTES, e);
        }
    }

    /** Atomically adds {@code delta}, returning the previous value; volatile semantics. */
    public int getAndAddInt(int index, int delta) {
        try {
            return (int) INT.getAndAdd(buf, index, delta);
        } catch (IllegalStateException e) {
            throw misaligned(index, Integer.BYTES, e);
        }
    }

    /** Atomically sets {@code value}, returning the previous value; volatile semantics. */
    public int getAndSetInt(int index, int value) {
        try {
            return (int) INT.getAndSet(buf, index, value);
        } catch (IllegalStateException e) {
            throw misaligned(index, Integer.BYTES, e);
        }
    }

    /** Plain read of the {@code long} at {@code index}. */
    public long getLong(int index) {
        return (long) LONG.get(buf, long8(index));
    }

    /** Plain write of the {@code long} at {@code index}. */
    public void putLong(int index, long value) {
        LONG.set(buf, long8(index), value);
    }

    /** Volatile read: sequentially consistent with every other volatile access and read-modify-write. */
    public long getLongVolatile(int index) {
        try {
            return (long) LONG.getVolatile(buf, index);
        } catch (IllegalStateException e) {
            throw misaligned(index, Long.BYTES, e);
        }
    }

    /** Volatile write: sequentially consistent; costs a full fence. */
    public void putLongVolatile(int index, long value) {
        try {
            LONG.setVolatile(buf, index, value);
        } catch (IllegalStateException e) {
            throw misaligned(index, Long.BYTES, e);
        }
    }

    /** Acquire read: no later access of this thread moves before it. Pairs with {@link #putLongRelease}. */
    public long getLongAcquire(int index) {
        try {
            return (long) LONG.getAcquire(buf, index);
        } catch (IllegalStateException e) {
            throw misaligned(index, Long.BYTES, e);
        }
    }

    /** Release write: no earlier access of this thread moves after it. Pairs with {@link #getLongAcquire}. */
    public void putLongRelease(int index, long value) {
        try {
            LONG.setRelease(buf, index, value);
        } catch (IllegalStateException e) {
            throw misaligned(index, Long.BYTES, e);
        }
    }

    /** Atomically sets the {@code long} to {@code update} if it equals {@code expected}; volatile semantics. */
    public boolean compareAndSetLong(int index, long expected, long update) {
        try {
            return LONG.compareAndSet(buf, index, expected, update);
        } catch (IllegalStateException e) {
            throw misaligned(index, Long.BYTES, e);
        }
    }

    /** Atomically adds {@code delta}, returning the previous value; volatile semantics. */
    public long getAndAddLong(int index, long delta) {
        try {
            return (long) LONG.getAndAdd(buf, index, delta);
        } catch (IllegalStateException e) {
            throw misaligned(index, Long.BYTES, e);
        }
    }

    /** Atomically sets {@code value}, returning the previous value; volatile semantics. */
    public long getAndSetLong(int index, long value) {
        try {
            return (long) LONG.getAndSet(buf, index, value);
        } catch (IllegalStateException e) {
            throw misaligned(index, Long.BYTES, e);
        }
    }

    /**
     * Copies {@code length} bytes from {@code index} into {@code dst} at {@code offset}: plain reads, in no
     * particular order and not atomic as a whole. To read what another process wrote, first read its flag or
     * counter with an acquire (or volatile) load.
     *
     * @throws IndexOutOfBoundsException if either range is out of bounds
     */
    public void getBytes(int index, byte[] dst, int offset, int length) {
        Objects.requireNonNull(dst, "dst");
        buf.get(index, dst, offset, length);
    }

    /**
     * Copies {@code length} bytes of {@code src} from {@code offset} to {@code index}: plain writes. To hand them
     * to another process, then write a flag or counter with a release (or volatile) store.
     *
     * @throws IndexOutOfBoundsException if either range is out of bounds
     */
    public void putBytes(int index, byte[] src, int offset, int length) {
        Objects.requireNonNull(src, "src");
        buf.put(index, src, offset, length);
    }

    @Override
    public String toString() {
        return "MappedSegment[" + name + ", " + capacity() + " bytes]";
    }
}
