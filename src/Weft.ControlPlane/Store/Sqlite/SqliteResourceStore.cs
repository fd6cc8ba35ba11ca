using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;

namespace Weft.ControlPlane.Store.Sqlite;

/// <summary>
/// The embedded store: one SQLite file in WAL mode with synchronous=FULL, so a commit is on disk
/// (the WAL fsynced) before <see cref="TxnAsync"/> returns and a crash at any moment leaves either
/// the whole transaction or none of it. One writer connection serializes transactions (the global
/// revision needs that anyway); reads use their own pooled connections and see a snapshot.
/// Watches poll the history table when a commit signals them, so a slow watcher costs no memory
/// here and simply finds out, on its next read, when compaction has overtaken it.
/// </summary>
public sealed partial class SqliteResourceStore : IResourceStore
{
    // Revisions read per watch query: bounds one response without splitting a revision.
    private const long WatchPageRevisions = 256;

    private readonly string _connectionString;
    private readonly SqliteConnection _writer;
    private readonly SemaphoreSlim _writeLock = new(1, 1);
    private readonly SqliteStoreOptions _options;
    private readonly ILogger _log;
    private TaskCompletionSource _changed = NewSignal();
    private long _revision;
    private long _compactRevision;
    private bool _disposed;

    private SqliteResourceStore(string path, SqliteConnection writer, string connectionString, SqliteStoreOptions options, ILogger log)
    {
        Path = path;
        _writer = writer;
        _connectionString = connectionString;
        _options = options;
        _log = log;
    }

    /// <summary>The database file.</summary>
    public string Path { get; }

    /// <summary>Opens (creating when absent) the store at <paramref name="path"/>.</summary>
    /// <exception cref="StoreOpenException">The file cannot be used: damaged, from a newer weftd, or not a database.</exception>
    public static SqliteResourceStore Open(string path, SqliteStoreOptions options, ILogger log)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.HistoryRevisions < 1)
            throw new ArgumentOutOfRangeException(nameof(options), options.HistoryRevisions, "HistoryRevisions must be at least 1");
        var connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = path,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Cache = SqliteCacheMode.Private,
            Pooling = true,
            DefaultTimeout = 30,
        }.ToString();
        var writer = new SqliteConnection(connectionString);
        try
        {
            writer.Open();
            var mode = Scalar<string>(writer, "PRAGMA journal_mode=WAL;");
            if (!string.Equals(mode, "wal", StringComparison.OrdinalIgnoreCase))
                throw new StoreOpenException(path, $"SQLite refused write-ahead logging (journal_mode is {mode})");
            // FULL: the WAL is fsynced at every commit, so an acknowledged write survives power loss.
            Execute(writer, "PRAGMA synchronous=FULL; PRAGMA busy_timeout=5000;");
            if (options.CheckOnOpen)
            {
                var check = Scalar<string>(writer, "PRAGMA quick_check;");
                if (check != "ok")
                    throw new StoreOpenException(path, "the database is damaged (PRAGMA quick_check: " + check + ")");
            }
            var version = Scalar<long>(writer, "PRAGMA user_version;");
            if (version > SqliteSchema.Version)
                throw new StoreOpenException(path, $"it was written by a newer weftd (schema {version}; this weftd reads schema {SqliteSchema.Version})");
            using (var tx = writer.BeginTransaction())
            {
                Execute(writer, SqliteSchema.Create, tx);
                tx.Commit();
            }
            var store = new SqliteResourceStore(path, writer, connectionString, options, log);
            var status = ReadStatus(writer, null);
            store._revision = status.Revision;
            store._compactRevision = status.CompactRevision;
            LogOpened(log, path, status.Revision, status.CompactRevision);
            return store;
        }
        catch (SqliteException ex)
        {
            writer.Dispose();
            throw new StoreOpenException(path, ex.Message, ex);
        }
        catch
        {
            writer.Dispose();
            throw;
        }
    }

    public Task<StoreStatus> StatusAsync(CancellationToken ct)
    {
        ct.ThrowIfCancellationRequested();
        using var c = OpenReader();
        return Task.FromResult(ReadStatus(c, null));
    }

    public Task<KeyValue?> GetAsync(string key, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(key);
        ct.ThrowIfCancellationRequested();
        using var c = OpenReader();
        using var cmd = c.CreateCommand();
        cmd.CommandText = "SELECT key, value, create_revision, mod_revision, version FROM kv WHERE key = $key";
        cmd.Parameters.AddWithValue("$key", key);
        using var r = cmd.ExecuteReader();
        return Task.FromResult(r.Read() ? ReadKeyValue(r, keysOnly: false) : null);
    }

    public Task<RangeResult> RangeAsync(string prefix, bool keysOnly, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(prefix);
        ct.ThrowIfCancellationRequested();
        using var c = OpenReader();
        // One read transaction: the revision and the keys come from the same snapshot.
        using var tx = c.BeginTransaction(deferred: true);
        var revision = ReadStatus(c, tx).Revision;
        using var cmd = c.CreateCommand();
        cmd.Transaction = tx;
        var end = KeyPrefix.RangeEnd(prefix);
        cmd.CommandText = $"SELECT key, {(keysOnly ? "NULL" : "value")}, create_revision, mod_revision, version FROM kv WHERE key >= $lo"
            + (end is null ? "" : " AND key < $hi") + " ORDER BY key";
        cmd.Parameters.AddWithValue("$lo", prefix);
        if (end is not null)
            cmd.Parameters.AddWithValue("$hi", end);
        var items = new List<KeyValue>();
        using (var r = cmd.ExecuteReader())
        {
            while (r.Read())
                items.Add(ReadKeyValue(r, keysOnly));
        }
        tx.Commit();
        return Task.FromResult(new RangeResult(items, revision));
    }

    public async Task<TxnResult> TxnAsync(Txn txn, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(txn);
        if (txn.DuplicateKey() is { } duplicate)
            throw new ArgumentException($"the key {duplicate} is written more than once in one transaction", nameof(txn));
        await _writeLock.WaitAsync(ct);
        try
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            return Commit(txn);
        }
        finally
        {
            _writeLock.Release();
        }
    }

    public async Task CompactAsync(long revision, CancellationToken ct)
    {
        await _writeLock.WaitAsync(ct);
        try
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (revision > _revision + 1)
                throw new ArgumentOutOfRangeException(nameof(revision), revision, $"cannot compact to a future revision (the current revision is {_revision})");
            if (revision <= _compactRevision)
                return;
            using var tx = _writer.BeginTransaction();
            CompactTo(revision, tx);
            tx.Commit();
            _compactRevision = revision;
            LogCompacted(_log, revision);
        }
        finally
        {
            _writeLock.Release();
        }
    }

    public async IAsyncEnumerable<WatchResponse> WatchAsync(string prefix, long startRevision, [EnumeratorCancellation] CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(prefix);
        ObjectDisposedException.ThrowIf(_disposed, this);
        var created = Volatile.Read(ref _revision);
        var compact = Volatile.Read(ref _compactRevision);
        var next = startRevision <= 0 ? created + 1 : startRevision;
        if (next < compact)
            throw new StoreCompactedException(next, compact);
        yield return new WatchResponse(Math.Min(created, next - 1), []);
        while (true)
        {
            ct.ThrowIfCancellationRequested();
            // Taken before reading: a commit after the read completes this signal, so none is missed.
            var signal = Volatile.Read(ref _changed).Task;
            var page = ReadEvents(prefix, next);
            if (page.UpTo >= next)
            {
                next = page.UpTo + 1;
                yield return new WatchResponse(page.UpTo, page.Events);
                if (page.More)
                    continue;
            }
            await signal.WaitAsync(ct);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _writeLock.WaitAsync(CancellationToken.None);
        try
        {
            if (_disposed)
                return;
            _disposed = true;
            Volatile.Read(ref _changed).TrySetException(new ObjectDisposedException(nameof(SqliteResourceStore), "the store was closed"));
            // A clean close folds the WAL back into the database file.
            try
            {
                Execute(_writer, "PRAGMA wal_checkpoint(TRUNCATE);");
            }
            catch (SqliteException ex)
            {
                LogCheckpointFailed(_log, ex.Message);
            }
            _writer.Dispose();
            using (var pooled = new SqliteConnection(_connectionString))
                SqliteConnection.ClearPool(pooled);
        }
        finally
        {
            _writeLock.Release();
        }
    }

    private TxnResult Commit(Txn txn)
    {
        using var tx = _writer.BeginTransaction();
        List<CompareFailure>? failed = null;
        foreach (var compare in txn.Compares)
        {
            var actual = CurrentModRevision(compare.Key, tx);
            if (actual != compare.ModRevision)
                (failed ??= []).Add(new CompareFailure(compare.Key, compare.ModRevision, actual));
        }
        if (failed is not null)
        {
            tx.Rollback();
            return new TxnResult(false, _revision, failed, Changed: false);
        }

        var revision = _revision + 1;
        var index = 0;
        foreach (var op in txn.Ops)
        {
            var prev = ReadCurrent(op.Key, tx);
            switch (op)
            {
                case TxnOp.Put put:
                    var kv = new KeyValue(put.Key, put.Value, prev?.CreateRevision ?? revision, revision, (prev?.Version ?? 0) + 1);
                    Execute(_writer, """
                        INSERT INTO kv(key, value, create_revision, mod_revision, version) VALUES ($key, $value, $create, $mod, $version)
                        ON CONFLICT(key) DO UPDATE SET value = excluded.value, mod_revision = excluded.mod_revision, version = excluded.version
                        """, tx, ("$key", kv.Key), ("$value", kv.Value.ToArray()), ("$create", kv.CreateRevision), ("$mod", revision), ("$version", kv.Version));
                    InsertEvent(revision, index++, WatchEventType.Put, kv, prev, tx);
                    break;
                case TxnOp.Delete:
                    if (prev is null)
                        break;
                    Execute(_writer, "DELETE FROM kv WHERE key = $key", tx, ("$key", op.Key));
                    InsertEvent(revision, index++, WatchEventType.Delete, new KeyValue(op.Key, ReadOnlyMemory<byte>.Empty, 0, revision, 0), prev, tx);
                    break;
            }
        }
        if (index == 0)
        {
            tx.Rollback();
            return new TxnResult(true, _revision, [], Changed: false);
        }
        Execute(_writer, "UPDATE meta SET value = $rev WHERE name = 'revision'", tx, ("$rev", revision));
        // Bounded history: the oldest revisions' events go in the same transaction that adds new ones.
        var compactTo = revision - _options.HistoryRevisions + 1;
        if (compactTo > _compactRevision)
            CompactTo(compactTo, tx);
        tx.Commit();
        // Committed and durable: only now does anyone see the new revision.
        Volatile.Write(ref _revision, revision);
        if (compactTo > _compactRevision)
            Volatile.Write(ref _compactRevision, compactTo);
        Interlocked.Exchange(ref _changed, NewSignal()).TrySetResult();
        return new TxnResult(true, revision, [], Changed: true);
    }

    private void CompactTo(long revision, SqliteTransaction tx)
    {
        Execute(_writer, "DELETE FROM events WHERE revision < $rev", tx, ("$rev", revision));
        Execute(_writer, "UPDATE meta SET value = $rev WHERE name = 'compact'", tx, ("$rev", revision));
    }

    private void InsertEvent(long revision, int index, WatchEventType type, KeyValue kv, KeyValue? prev, SqliteTransaction tx) =>
        Execute(_writer, """
            INSERT INTO events(revision, idx, type, key, value, create_revision, version, prev_value, prev_create_revision, prev_mod_revision, prev_version)
            VALUES ($rev, $idx, $type, $key, $value, $create, $version, $pvalue, $pcreate, $pmod, $pversion)
            """, tx,
            ("$rev", revision), ("$idx", index), ("$type", (int)type), ("$key", kv.Key),
            ("$value", type == WatchEventType.Put ? kv.Value.ToArray() : null), ("$create", kv.CreateRevision), ("$version", kv.Version),
            ("$pvalue", prev?.Value.ToArray()), ("$pcreate", prev?.CreateRevision), ("$pmod", prev?.ModRevision), ("$pversion", prev?.Version));

    private long CurrentModRevision(string key, SqliteTransaction tx)
    {
        using var cmd = _writer.CreateCommand();
        cmd.Transaction = tx;
        cmd.CommandText = "SELECT mod_revision FROM kv WHERE key = $key";
        cmd.Parameters.AddWithValue("$key", key);
        return cmd.ExecuteScalar() is long l ? l : 0;
    }

    private KeyValue? ReadCurrent(string key, SqliteTransaction tx)
    {
        using var cmd = _writer.CreateCommand();
        cmd.Transaction = tx;
        cmd.CommandText = "SELECT key, value, create_revision, mod_revision, version FROM kv WHERE key = $key";
        cmd.Parameters.AddWithValue("$key", key);
        using var r = cmd.ExecuteReader();
        return r.Read() ? ReadKeyValue(r, keysOnly: false) : null;
    }

    private sealed record EventPage(IReadOnlyList<WatchEvent> Events, long UpTo, bool More);

    private EventPage ReadEvents(string prefix, long from)
    {
        using var c = OpenReader();
        using var tx = c.BeginTransaction(deferred: true);
        var status = ReadStatus(c, tx);
        if (from < status.CompactRevision)
            throw new StoreCompactedException(from, status.CompactRevision);
        if (from > status.Revision)
            return new EventPage([], from - 1, false);
        var to = Math.Min(status.Revision, from + WatchPageRevisions - 1);
        using var cmd = c.CreateCommand();
        cmd.Transaction = tx;
        var end = KeyPrefix.RangeEnd(prefix);
        cmd.CommandText = """
            SELECT revision, type, key, value, create_revision, version, prev_value, prev_create_revision, prev_mod_revision, prev_version
            FROM events WHERE revision >= $from AND revision <= $to AND key >= $lo
            """ + (end is null ? "" : " AND key < $hi") + " ORDER BY revision, idx";
        cmd.Parameters.AddWithValue("$from", from);
        cmd.Parameters.AddWithValue("$to", to);
        cmd.Parameters.AddWithValue("$lo", prefix);
        if (end is not null)
            cmd.Parameters.AddWithValue("$hi", end);
        var events = new List<WatchEvent>();
        using (var r = cmd.ExecuteReader())
        {
            while (r.Read())
            {
                var revision = r.GetInt64(0);
                var type = (WatchEventType)r.GetInt32(1);
                var key = r.GetString(2);
                var value = r.IsDBNull(3) ? ReadOnlyMemory<byte>.Empty : (byte[])r.GetValue(3);
                var kv = new KeyValue(key, value, r.GetInt64(4), revision, r.GetInt64(5));
                var prev = r.IsDBNull(6) ? null
                    : new KeyValue(key, (byte[])r.GetValue(6), r.GetInt64(7), r.GetInt64(8), r.GetInt64(9));
                events.Add(new WatchEvent(type, kv, prev));
            }
        }
        tx.Commit();
        return new EventPage(events, to, to < status.Revision);
    }

    private SqliteConnection OpenReader()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        var c = new SqliteConnection(_connectionString);
        c.Open();
        return c;
    }

    private static StoreStatus ReadStatus(SqliteConnection c, SqliteTransaction? tx)
    {
        using var cmd = c.CreateCommand();
        cmd.Transaction = tx;
        cmd.CommandText = "SELECT name, value FROM meta WHERE name IN ('revision', 'compact')";
        long revision = 0, compact = 0;
        using var r = cmd.ExecuteReader();
        while (r.Read())
        {
            if (r.GetString(0) == "revision")
                revision = r.GetInt64(1);
            else
                compact = r.GetInt64(1);
        }
        return new StoreStatus(revision, compact);
    }

    private static KeyValue ReadKeyValue(SqliteDataReader r, bool keysOnly) =>
        new(r.GetString(0), keysOnly || r.IsDBNull(1) ? ReadOnlyMemory<byte>.Empty : (byte[])r.GetValue(1),
            r.GetInt64(2), r.GetInt64(3), r.GetInt64(4));

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    private static void Execute(SqliteConnection c, string sql, SqliteTransaction? tx = null, params (string Name, object? Value)[] parameters)
    {
        using var cmd = c.CreateCommand();
        cmd.Transaction = tx;
        cmd.CommandText = sql;
        foreach (var (name, value) in parameters)
            cmd.Parameters.AddWithValue(name, value ?? DBNull.Value);
        cmd.ExecuteNonQuery();
    }

    private static T Scalar<T>(SqliteConnection c, string sql)
    {
        using var cmd = c.CreateCommand();
        cmd.CommandText = sql;
        return (T)Convert.ChangeType(cmd.ExecuteScalar()!, typeof(T), System.Globalization.CultureInfo.InvariantCulture);
    }

    [LoggerMessage(1101, LogLevel.Information, "Opened store {Path} at revision {Revision} (history from revision {CompactRevision})")]
    private static partial void LogOpened(ILogger log, string path, long revision, long compactRevision);

    [LoggerMessage(1102, LogLevel.Information, "Compacted the store's history before revision {Revision}")]
    private static partial void LogCompacted(ILogger log, long revision);

    [LoggerMessage(1103, LogLevel.Warning, "Could not checkpoint the write-ahead log on close (the next open replays it): {Reason}")]
    private static partial void LogCheckpointFailed(ILogger log, string reason);
}
