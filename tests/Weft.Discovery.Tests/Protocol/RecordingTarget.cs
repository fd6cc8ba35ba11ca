using System.Collections.Concurrent;
using Weft.Discovery.Protocol;
using Weft.Discovery.Snapshot;

namespace Weft.Discovery.Tests.Protocol;

/// <summary>A snapshot target that keeps what it applied, and refuses versions it is told to (as a proxy whose bind fails would).</summary>
internal sealed class RecordingTarget : ISnapshotTarget
{
    public ConcurrentQueue<ProxySnapshot> Applied { get; } = new();

    public string? RefuseVersion { get; set; }

    public string? CurrentVersion { get; private set; }

    public Task<string?> ApplyAsync(ProxySnapshot snapshot, CancellationToken ct)
    {
        if (snapshot.Version == RefuseVersion)
            return Task.FromResult<string?>($"listeners[x]: cannot bind 127.0.0.1:1: refused by the test");
        Applied.Enqueue(snapshot);
        CurrentVersion = snapshot.Version;
        return Task.FromResult<string?>(null);
    }
}
