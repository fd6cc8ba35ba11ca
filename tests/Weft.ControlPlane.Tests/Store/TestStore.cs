using System.Text;
using Microsoft.Extensions.Logging.Abstractions;
using Weft.ControlPlane.Store;
using Weft.ControlPlane.Store.Sqlite;
using Weft.Testing;

namespace Weft.ControlPlane.Tests.Store;

/// <summary>A real SQLite store in a temporary folder, for tests of store semantics in-process.</summary>
internal sealed class TestStore : IAsyncDisposable
{
    private readonly TempDir _dir;

    private TestStore(TempDir dir, SqliteResourceStore store)
    {
        _dir = dir;
        Store = store;
    }

    public SqliteResourceStore Store { get; private set; }

    public string DbPath => _dir.File("store.db");

    public string Dir => _dir.Path;

    public static TestStore Open(long history = 10_000)
    {
        var dir = Repo.TempDir("weft-store");
        return new TestStore(dir, SqliteResourceStore.Open(dir.File("store.db"), new SqliteStoreOptions { HistoryRevisions = history }, NullLogger.Instance));
    }

    /// <summary>Closes and opens the same file again, as a restart would.</summary>
    public async Task ReopenAsync(long history = 10_000)
    {
        await Store.DisposeAsync();
        Store = SqliteResourceStore.Open(DbPath, new SqliteStoreOptions { HistoryRevisions = history }, NullLogger.Instance);
    }

    public static byte[] Bytes(string s) => Encoding.UTF8.GetBytes(s);

    public static string Text(KeyValue kv) => Encoding.UTF8.GetString(kv.Value.Span);

    public Task<TxnResult> PutAsync(string key, string value) =>
        Store.TxnAsync(new Txn([], [new TxnOp.Put(key, Bytes(value))]), TestContext.Current.CancellationToken);

    public async ValueTask DisposeAsync()
    {
        await Store.DisposeAsync();
        _dir.Dispose();
    }
}
