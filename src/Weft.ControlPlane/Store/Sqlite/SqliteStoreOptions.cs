namespace Weft.ControlPlane.Store.Sqlite;

/// <summary>How the embedded store keeps its history.</summary>
public sealed record SqliteStoreOptions
{
    /// <summary>
    /// How many revisions of change history are kept for watches. A watch that needs older history
    /// fails with "too old" and the client lists again. 10,000 revisions is hours of a busy mesh's
    /// config churn and a few megabytes on disk.
    /// </summary>
    public long HistoryRevisions { get; init; } = 10_000;

    /// <summary>Check the database file's structure when opening (PRAGMA quick_check) and refuse a damaged one.</summary>
    public bool CheckOnOpen { get; init; } = true;
}
