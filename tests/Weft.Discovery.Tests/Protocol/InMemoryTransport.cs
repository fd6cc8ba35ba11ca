using System.IO.Pipelines;
using Weft.Discovery.Protocol;

namespace Weft.Discovery.Tests.Protocol;

/// <summary>
/// Connects a real DiscoveryClient to a real DiscoveryServer through two in-memory pipes: the
/// protocol cores are stream-based, so this is their whole code path minus HTTP/2.
/// </summary>
internal sealed class InMemoryTransport(DiscoveryServer server)
{
    public List<Task> Sessions { get; } = [];

    public int Connects;

    /// <summary>When set, connecting fails (a control plane that is down).</summary>
    public bool Down { get; set; }

    public Task<IDiscoveryConnection> ConnectAsync(CancellationToken ct)
    {
        Interlocked.Increment(ref Connects);
        if (Down)
            throw new IOException("connection refused (the test's control plane is down)");
        var requests = new Pipe();
        var responses = new Pipe();
        var cts = CancellationTokenSource.CreateLinkedTokenSource(ct);
        lock (Sessions)
            Sessions.Add(Task.Run(async () =>
            {
                try
                {
                    await server.RunSessionAsync(requests.Reader.AsStream(), responses.Writer.AsStream(), "memory", cts.Token);
                }
                finally
                {
                    await responses.Writer.CompleteAsync();
                }
            }, CancellationToken.None));
        return Task.FromResult<IDiscoveryConnection>(new Connection(requests.Writer.AsStream(), responses.Reader.AsStream(), cts));
    }

    private sealed class Connection(Stream requests, Stream responses, CancellationTokenSource cts) : IDiscoveryConnection
    {
        public Stream Requests { get; } = requests;
        public Stream Responses { get; } = responses;
        public string Peer => "memory";

        public async ValueTask DisposeAsync()
        {
            await Requests.DisposeAsync();
            await Responses.DisposeAsync();
            cts.Dispose();
        }
    }
}
