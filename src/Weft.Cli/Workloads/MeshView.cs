using System.Collections.Immutable;
using System.Text.Json.Nodes;
using Weft.Cli.Http;

namespace Weft.Cli.Workloads;

/// <summary>
/// Reads the mesh's state (<see cref="MeshState"/>) from the REST API once a second, for every
/// supervisor and forwarder of one process: ten workloads share one poll, not ten.
/// </summary>
public sealed class MeshView : IAsyncDisposable
{
    private readonly MeshApi _api;
    private readonly TimeSpan _period;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;
    private readonly TaskCompletionSource _first = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private MeshState _state = MeshState.Empty;

    public MeshView(MeshApi api, TimeSpan? period = null)
    {
        _api = api;
        _period = period ?? TimeSpan.FromSeconds(1);
        _loop = Task.Run(() => LoopAsync(_stop.Token));
    }

    public MeshState Current => Volatile.Read(ref _state);

    /// <summary>The last error reading the state (null after a good read): shown when something waits too long.</summary>
    public string? LastError { get; private set; }

    /// <summary>Waits for the first complete read.</summary>
    public Task FirstReadAsync(CancellationToken ct) => _first.Task.WaitAsync(ct);

    /// <summary>Reads now instead of at the next tick (after a write whose effect the caller waits for).</summary>
    public async Task RefreshAsync(CancellationToken ct)
    {
        Volatile.Write(ref _state, await ReadAsync(ct));
        _first.TrySetResult();
    }

    private async Task LoopAsync(CancellationToken ct)
    {
        while (!ct.IsCancellationRequested)
        {
            try
            {
                await RefreshAsync(ct);
                LastError = null;
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e) when (e is CliException or ApiException or HttpRequestException or System.Text.Json.JsonException)
            {
                // The control plane may be restarting: keep the last state, try again next tick.
                LastError = e.Message;
            }
            try
            {
                await Task.Delay(_period, ct);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    private async Task<MeshState> ReadAsync(CancellationToken ct)
    {
        var namespaces = _api.ListAsync(MeshApi.Namespaces, ct);
        var services = _api.ListAsync(MeshApi.Services, ct);
        var entries = _api.ListAsync(MeshApi.WorkloadEntries, ct);
        var rolls = ListOrEmptyAsync(MeshApi.MemberRolls, ct);
        var members = ImmutableHashSet.CreateBuilder<string>(StringComparer.Ordinal);
        foreach (var roll in await rolls)
            if (roll["spec"]?["members"] is JsonArray m)
                foreach (var v in m.OfType<JsonValue>())
                    if (v.TryGetValue<string>(out var s))
                        members.Add(s);
        return new MeshState(
            (await namespaces).Where(n => MeshState.Str(n, "metadata", "name") is not null)
                .ToImmutableDictionary(n => MeshState.Str(n, "metadata", "name")!, StringComparer.Ordinal),
            members.ToImmutable(),
            [.. await services],
            [.. await entries]);
    }

    private async Task<IReadOnlyList<JsonObject>> ListOrEmptyAsync(string path, CancellationToken ct)
    {
        try
        {
            return await _api.ListAsync(path, ct);
        }
        catch (ApiException e) when (e.Status.Code == 404)
        {
            return [];
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _loop.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        _stop.Dispose();
    }
}
