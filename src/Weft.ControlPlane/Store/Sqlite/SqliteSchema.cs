namespace Weft.ControlPlane.Store.Sqlite;

/// <summary>
/// The tables of store.db. <c>kv</c> is the current state (etcd's key index), <c>events</c> the
/// bounded change history that watches replay (with the previous value, as etcd's prev_kv), and
/// <c>meta</c> the global revision and the compaction point. The schema version is SQLite's
/// user_version, so a newer file is refused rather than misread.
/// </summary>
internal static class SqliteSchema
{
    public const long Version = 1;

    public const string Create = """
        CREATE TABLE IF NOT EXISTS meta(
            name TEXT PRIMARY KEY,
            value INTEGER NOT NULL) WITHOUT ROWID;
        INSERT OR IGNORE INTO meta(name, value) VALUES ('revision', 1), ('compact', 0);
        CREATE TABLE IF NOT EXISTS kv(
            key TEXT PRIMARY KEY,
            value BLOB NOT NULL,
            create_revision INTEGER NOT NULL,
            mod_revision INTEGER NOT NULL,
            version INTEGER NOT NULL) WITHOUT ROWID;
        CREATE TABLE IF NOT EXISTS events(
            revision INTEGER NOT NULL,
            idx INTEGER NOT NULL,
            type INTEGER NOT NULL,
            key TEXT NOT NULL,
            value BLOB,
            create_revision INTEGER NOT NULL,
            version INTEGER NOT NULL,
            prev_value BLOB,
            prev_create_revision INTEGER,
            prev_mod_revision INTEGER,
            prev_version INTEGER,
            PRIMARY KEY(revision, idx)) WITHOUT ROWID;
        PRAGMA user_version = 1;
        """;
}
