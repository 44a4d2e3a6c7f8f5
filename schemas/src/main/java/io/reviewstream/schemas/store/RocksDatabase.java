package io.reviewstream.schemas.store;

import org.rocksdb.Options;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;
import org.rocksdb.WriteOptions;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * One RocksDB database in a folder of the service's state directory, for the stores that keep a topic's worth of
 * data off the Java heap: it opens, empties and closes the database, and runs every read and write under a shared
 * lock that closing and emptying take alone, so that no call reaches a closed database.
 */
public final class RocksDatabase implements AutoCloseable {

    static {
        RocksDB.loadLibrary();
    }

    /** A read or write of the open database. */
    public interface DbAction<T> {
        T run(RocksDB db) throws RocksDBException;
    }

    private final Path directory;
    private final String description;
    private final Options options;
    private final DbAction<Void> onOpen;
    private final WriteOptions writeOptions = new WriteOptions();
    private final ReadWriteLock lifecycle = new ReentrantReadWriteLock();
    private RocksDB db;

    /**
     * @param description what the store is, for error messages ("the loop status store")
     * @param writeBufferBytes memtables are off-heap but count towards the process: small ones suffice
     * @param onOpen       reads what the store keeps in memory from the database, each time it is opened
     */
    public RocksDatabase(Path directory, String description, long writeBufferBytes, DbAction<Void> onOpen) {
        this.directory = directory;
        this.description = description;
        this.onOpen = onOpen;
        this.options = new Options().setCreateIfMissing(true).setWriteBufferSize(writeBufferBytes)
                .setMaxWriteBufferNumber(2).setKeepLogFileNum(2);
        open();
    }

    public WriteOptions writeOptions() {
        return writeOptions;
    }

    public <T> T using(DbAction<T> action) {
        lifecycle.readLock().lock();
        try {
            if (db == null) {
                throw new IllegalStateException(capitalized() + " is closed");
            }
            return action.run(db);
        } catch (RocksDBException e) {
            throw new IllegalStateException(capitalized() + " in " + directory + " failed", e);
        } finally {
            lifecycle.readLock().unlock();
        }
    }

    /** Empties the database; {@code beforeOpen} clears what the store keeps in memory before it is read again. */
    public void reset(Runnable beforeOpen) {
        lifecycle.writeLock().lock();
        try {
            db.close();
            RocksDB.destroyDB(directory.toString(), options);
            beforeOpen.run();
            open();
        } catch (RocksDBException e) {
            throw new IllegalStateException("Cannot empty " + description + " in " + directory, e);
        } finally {
            lifecycle.writeLock().unlock();
        }
    }

    @Override
    public void close() {
        lifecycle.writeLock().lock();
        try {
            if (db != null) {
                db.close();
                db = null;
                writeOptions.close();
                options.close();
            }
        } finally {
            lifecycle.writeLock().unlock();
        }
    }

    private void open() {
        try {
            Files.createDirectories(directory);
            db = RocksDB.open(options, directory.toString());
            onOpen.run(db);
        } catch (Exception e) {
            throw new IllegalStateException("Cannot open " + description + " in " + directory
                    + " (is another instance using this state folder?)", e);
        }
    }

    private String capitalized() {
        return Character.toUpperCase(description.charAt(0)) + description.substring(1);
    }
}
