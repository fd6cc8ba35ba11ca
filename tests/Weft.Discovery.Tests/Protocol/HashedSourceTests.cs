using Microsoft.Extensions.Logging.Abstractions;
using Weft.Discovery.Protocol;
using Weft.Discovery.Snapshot;

namespace Weft.Discovery.Tests.Protocol;

/// <summary>
/// A source that keeps each snapshot's hash (as the control plane's does) is trusted for it: the
/// server pushes when the hash changes and never encodes a snapshot just to compare it.
/// </summary>
public sealed class HashedSourceTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(15);

    [Fact]
    public async Task The_server_pushes_by_the_hash_its_source_gives_and_not_when_only_the_object_is_new()
    {
        var source = new HashedSource();
        using var server = new DiscoveryServer(source, new DiscoveryServerOptions { Debounce = TimeSpan.FromMilliseconds(20), MaxDelay = TimeSpan.FromMilliseconds(200) }, TimeProvider.System, NullLogger<DiscoveryServer>.Instance);
        var transport = new InMemoryTransport(server);
        var target = new RecordingTarget();
        var client = new DiscoveryClient(transport.ConnectAsync, new NodeInfo { Name = "productpage", Namespace = "default" }, target,
            new DiscoveryClientOptions(), TimeProvider.System, NullLogger<DiscoveryClient>.Instance);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        var running = client.RunAsync(stop.Token);

        source.Set(new HashedSnapshot(Samples.Reviews("1"), "same"));
        await Eventually(() => target.CurrentVersion == "1", "version 1 applied");
        var asked = source.Asked;
        source.Set(new HashedSnapshot(Samples.Reviews("2"), "same"));
        await Eventually(() => source.Asked > asked, "the session to ask for the changed snapshot");
        source.Set(new HashedSnapshot(Samples.Reviews("3"), "other"));
        await Eventually(() => target.CurrentVersion == "3", "version 3 applied");

        target.Applied.Select(s => s.Version).Should().Equal(["1", "3"], "version 2 came with the hash the proxy already had");
        server.Proxies.Single().Pushes.Should().Be(2);
        server.Proxies.Single().SentVersion.Should().Be("3");
        await stop.CancelAsync();
        await running.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing | ConfigureAwaitOptions.ContinueOnCapturedContext);
    }

    private static async Task Eventually(Func<bool> condition, string what)
    {
        var deadline = DateTime.UtcNow + Wait;
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException($"{what} did not happen within {Wait}");
            await Task.Delay(10, TestContext.Current.CancellationToken);
        }
    }

    /// <summary>A source that hands out the snapshot and hash the test set, counting how often it was asked.</summary>
    private sealed class HashedSource : ISnapshotSource
    {
        private HashedSnapshot? _current;
        private Action? _changed;
        private int _asked;

        public int Asked => Volatile.Read(ref _asked);

        public void Set(HashedSnapshot snapshot)
        {
            Volatile.Write(ref _current, snapshot);
            _changed?.Invoke();
        }

        public ValueTask<ProxySnapshot?> GetSnapshotAsync(NodeInfo node, CancellationToken ct) =>
            throw new InvalidOperationException("the server must ask for the hashed snapshot");

        public ValueTask<HashedSnapshot?> GetHashedSnapshotAsync(NodeInfo node, CancellationToken ct)
        {
            Interlocked.Increment(ref _asked);
            return ValueTask.FromResult(Volatile.Read(ref _current));
        }

        public IDisposable Subscribe(Action onChange)
        {
            _changed = onChange;
            return new Unsubscribe(this);
        }

        private sealed class Unsubscribe(HashedSource source) : IDisposable
        {
            public void Dispose() => source._changed = null;
        }
    }
}
