using System.Collections.Concurrent;
using Weft.Discovery.Snapshot;

namespace Weft.Discovery.Protocol;

/// <summary>
/// A snapshot source set by hand: one snapshot for every proxy, or one per proxy id
/// (<c>name.namespace</c>). Real code, used by tests and by tools that serve a fixed mesh.
/// </summary>
public sealed class MutableSnapshotSource : ISnapshotSource
{
    private readonly ConcurrentDictionary<string, ProxySnapshot> _perNode = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();
    private readonly List<Action> _subscribers = [];
    private ProxySnapshot? _forAll;

    public ValueTask<ProxySnapshot?> GetSnapshotAsync(NodeInfo node, CancellationToken ct)
        => ValueTask.FromResult(_perNode.TryGetValue(node.Id, out var s) ? s : Volatile.Read(ref _forAll));

    public void SetForAll(ProxySnapshot snapshot)
    {
        Volatile.Write(ref _forAll, snapshot);
        Notify();
    }

    public void Set(string nodeId, ProxySnapshot snapshot)
    {
        _perNode[nodeId] = snapshot;
        Notify();
    }

    public IDisposable Subscribe(Action onChange)
    {
        lock (_gate)
            _subscribers.Add(onChange);
        return new Subscription(this, onChange);
    }

    private void Notify()
    {
        Action[] subs;
        lock (_gate)
            subs = [.. _subscribers];
        foreach (var s in subs)
            s();
    }

    private sealed class Subscription(MutableSnapshotSource owner, Action action) : IDisposable
    {
        public void Dispose()
        {
            lock (owner._gate)
                owner._subscribers.Remove(action);
        }
    }
}
