
namespace Weft.ControlPlane.Hosting;

/// <summary>
/// A host lifetime that leaves signals alone: weftd's Program handles SIGTERM and Ctrl-C itself,
/// and a server started in-process (tests, an embedding tool) must not react to its host's signals.
/// </summary>
internal sealed class EmbeddedLifetime : IHostLifetime
{
    public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
