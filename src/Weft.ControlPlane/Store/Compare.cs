namespace Weft.ControlPlane.Store;

/// <summary>
/// A transaction guard: the key's mod_revision must equal <paramref name="ModRevision"/>;
/// 0 means the key must not exist (etcd's idiom for "create only").
/// </summary>
public sealed record Compare(string Key, long ModRevision)
{
    public static Compare Absent(string key) => new(key, 0);
}
